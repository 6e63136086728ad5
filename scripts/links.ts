/**
 * npm run -s links -- [--db PATH] [--all] [--curated]
 *
 * Prints every follow-up link on stdout, one JSON object per line and nothing else, so the linker can be checked
 * from outside:
 *
 *   {"from":{"date":"2013-10-28","body":"WG.2","label":"34"},
 *    "to":{"date":"2023-05-29","body":"WG.2","label":null,"paragraph":"30","item":null},
 *    "kind":"implemented","score":0.502}
 *
 * `to` names a later recommendation (label), a numbered paragraph (paragraph), or an agenda item (item; also an
 * unnumbered annotation of a provisional agenda, named by the item it annotates). Labels are as printed by
 * `npm run parse`. Dates are meeting start dates.
 *
 *   --db PATH   the database (default data/rapporteur.duckdb, or $RAPPORTEUR_DB)
 *   --all       also the "possible" links scored below the linker's threshold (shown to curators for review)
 *   --curated   apply curators' decisions (data/curation/): rejected links out, added links in
 *
 * Without the derived tables (a database built before they existed) the links are computed from the corpus
 * tables on the fly. Exits 2 on a usage error or an unreadable database.
 */
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeDerived } from '../src/lib/followup/compute';
import { MIN_LINK_SCORE, MIN_POSSIBLE_SCORE } from '../src/lib/followup/linker';
import { applyDecisions } from '../src/lib/followup/curation';
import type { FollowupLink } from '../src/lib/followup/types';
import { curationDir, readDecisions } from '../src/lib/server/curation';
import { loadReference, readCorpus } from '../src/lib/server/derive';

const USAGE = 'usage: npm run -s links -- [--db PATH] [--all] [--curated]';

interface MeetingRow {
	id: string;
	date: string | null;
	body: string;
}

interface RecRow {
	id: string;
	meeting_id: string;
	label: string;
	ord: number;
}

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({
			options: {
				db: { type: 'string', default: process.env.RAPPORTEUR_DB || 'data/rapporteur.duckdb' },
				all: { type: 'boolean', default: false },
				curated: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (err) {
		console.error(`${(err as Error).message}\n${USAGE}`);
		return 2;
	}
	if (args.values.help) {
		console.error(USAGE);
		return 0;
	}
	const dbPath = args.values.db;
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(dbPath, {
			access_mode: 'READ_ONLY',
			threads: '2',
			autoinstall_known_extensions: 'false'
		});
	} catch (err) {
		console.error(`${dbPath}: ${(err as Error).message}`);
		return 2;
	}
	const conn = await instance.connect();
	try {
		const read = async <T>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
		const meetings = new Map(
			(
				await read<MeetingRow>(
					`SELECT id, strftime(start_date, '%Y-%m-%d') AS date, body_code AS body FROM meeting`
				)
			).map((m) => [m.id, m])
		);
		const recs = new Map(
			(
				await read<RecRow>(`SELECT id, meeting_id, label, sort_order::INTEGER AS ord FROM recommendation`)
			).map((r) => [r.id, r])
		);
		const hasTable = (
			await read<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'followup_link'`
			)
		)[0]?.n;
		let links: FollowupLink[];
		if (hasTable) {
			links = (
				await read<Record<string, unknown>>(
					`SELECT id, from_id, to_key, to_kind, to_meeting_id, to_document_id, to_label, to_paragraph,
					        to_paragraph_order, to_item, kind, score, snippet, reasons FROM followup_link`
				)
			).map((r) => ({
				id: String(r.id),
				fromId: String(r.from_id),
				toKey: String(r.to_key),
				toKind: r.to_kind as FollowupLink['toKind'],
				toMeetingId: String(r.to_meeting_id),
				toDocumentId: String(r.to_document_id),
				toLabel: (r.to_label as string | null) ?? null,
				toParagraph: (r.to_paragraph as string | null) ?? null,
				toParagraphOrder: r.to_paragraph_order === null ? null : Number(r.to_paragraph_order),
				toItem: (r.to_item as string | null) ?? null,
				kind: r.kind as FollowupLink['kind'],
				score: Number(r.score),
				snippet: String(r.snippet),
				reasons: (r.reasons as string[]) ?? []
			}));
		} else {
			const reference = loadReference();
			links = computeDerived(await readCorpus(conn), reference.topics, reference.tools).links;
		}
		const min = args.values.all ? MIN_POSSIBLE_SCORE : MIN_LINK_SCORE;
		let out: { link: FollowupLink; curated: boolean }[];
		if (args.values.curated) {
			const folded = applyDecisions(links, readDecisions(curationDir(dbPath)), MIN_LINK_SCORE);
			out = folded
				.filter((l) => l.decision !== 'reject' && (l.decision !== null || l.score >= min))
				.map((l) => ({ link: l, curated: l.decision !== null }));
		} else {
			out = links.filter((l) => l.score >= min).map((link) => ({ link, curated: false }));
		}
		const order = (l: FollowupLink) => {
			const r = recs.get(l.fromId);
			const m = r ? meetings.get(r.meeting_id) : undefined;
			return [m?.date ?? '', m?.body ?? '', String(r?.ord ?? 0).padStart(8, '0')].join('\u0000');
		};
		out.sort(
			(a, b) =>
				order(a.link).localeCompare(order(b.link)) ||
				b.link.score - a.link.score ||
				a.link.toKey.localeCompare(b.link.toKey)
		);
		const lines: string[] = [];
		for (const { link } of out) {
			const rec = recs.get(link.fromId);
			const from = rec ? meetings.get(rec.meeting_id) : undefined;
			const to = meetings.get(link.toMeetingId);
			if (!rec || !from || !to) continue;
			lines.push(
				JSON.stringify({
					from: { date: from.date, body: from.body, label: rec.label },
					to: {
						date: to.date,
						body: to.body,
						label: link.toLabel,
						paragraph: link.toParagraph,
						item: link.toParagraph === null && link.toLabel === null ? link.toItem : null
					},
					kind: link.kind,
					score: Math.round(link.score * 1000) / 1000
				})
			);
		}
		if (lines.length) process.stdout.write(lines.join('\n') + '\n');
		return 0;
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		console.error(`links failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 2;
	}
);
