/**
 * Derived tables: topic assignments, follow-up links and discovered terms, computed from the corpus tables by
 * the pure `computeDerived` (src/lib/followup/compute.ts) and stored next to them.
 *
 * When: at the end of every ingest that writes the database (one hook line in ingest.ts, before the rename, so
 * the new file appears with its derived tables in one atomic swap), and by `npm run derive` after the taxonomy
 * (data/reference/topics.csv, tools.csv) changed without the corpus changing. Why not at request time: the
 * linker compares every recommendation with every later text; on the five reports that takes some 100 ms, but
 * on thousands of reports seconds, which an ingest can afford and a page view cannot. The tables also let
 * every page filter topics and links in SQL.
 *
 * Curators' decisions are NOT stored here: they live in data/curation/ and are folded over these tables at
 * request time (src/lib/server/curation.ts), so a re-ingest, which rebuilds these tables, never loses them.
 *
 * Environment: RAPPORTEUR_REFERENCE, the directory holding topics.csv and tools.csv (default data/reference).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './duckdb-api';
import { computeDerived, type Corpus, type Derived } from '../followup/compute';
import type { FollowupLink } from '../followup/types';
import { parseToolsCsv, type NamedTool } from '../followup/references';
import { parseTopicsCsv, type Topic } from '../topics/taxonomy';
import { appendRows, splitListSql, type Cell } from './appender';
import { buildTopicAggregates, buildTopicTexts } from './topic-aggregates';
import { writeRecommendationFollowup } from './recommendation-followup';
import { SEARCH_TABLES, writeSearchIndex } from './search-index';
import { acquireWriterLock } from './writer-lock';

/** Bumped when the derivation's rules change, so a stale derivation can be recognised. */
export const DERIVE_VERSION = 3;

export const DERIVED_TABLES = [
	'topic',
	'topic_assignment',
	'followup_link',
	'discovered_term',
	'derive_info'
] as const;

const DERIVED_SQL = `
CREATE OR REPLACE TABLE topic (
	id VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	description VARCHAR NOT NULL,
	key_phrases VARCHAR[] NOT NULL,
	articles VARCHAR[] NOT NULL,
	sort_order INTEGER NOT NULL
);
-- One row per (text, topic) with relevance score >= 0.35. unit_key: r:<recommendation id>,
-- p:<document id>:<paragraph number> (p:<document id>:#<sort_order> when unnumbered), a:<meeting id>:<item>.
-- meeting_id and body_code are NULL for joint text of a joint report (it belongs to each of its meetings).
CREATE OR REPLACE TABLE topic_assignment (
	unit_kind VARCHAR NOT NULL,          -- recommendation | paragraph | agenda_item
	unit_key VARCHAR NOT NULL,
	document_id VARCHAR NOT NULL,
	meeting_id VARCHAR,
	body_code VARCHAR,
	year INTEGER,
	paragraph VARCHAR,
	paragraph_order INTEGER,
	label VARCHAR,
	item VARCHAR,
	topic_id VARCHAR NOT NULL,
	score DOUBLE NOT NULL,
	matched VARCHAR[] NOT NULL           -- key phrases (and "article N") that produced the score
);
-- Follow-up links found by the linker (src/lib/followup/linker.ts); id = from_id || ' -> ' || to_key.
CREATE OR REPLACE TABLE followup_link (
	id VARCHAR NOT NULL,
	from_id VARCHAR NOT NULL,            -- recommendation.id
	to_key VARCHAR NOT NULL,
	to_kind VARCHAR NOT NULL,            -- recommendation | paragraph | agenda_item
	to_meeting_id VARCHAR NOT NULL,
	to_document_id VARCHAR NOT NULL,
	to_label VARCHAR,
	to_paragraph VARCHAR,
	to_paragraph_order INTEGER,
	to_item VARCHAR,
	kind VARCHAR NOT NULL,               -- resolution | implemented | reiterated | agenda | discussed
	score DOUBLE NOT NULL,
	snippet VARCHAR NOT NULL,
	reasons VARCHAR[] NOT NULL
);
CREATE OR REPLACE TABLE discovered_term (
	term VARCHAR NOT NULL,
	stems VARCHAR NOT NULL,
	direction VARCHAR NOT NULL,          -- rising | falling
	slope DOUBLE NOT NULL,               -- percentage points of texts per year
	count INTEGER NOT NULL,
	years VARCHAR NOT NULL,              -- JSON [{year, texts, total}]
	sort_order INTEGER NOT NULL
);
-- version, taxonomy (hash of topics.csv + tools.csv), derived_at, ms, error
CREATE OR REPLACE TABLE derive_info (key VARCHAR NOT NULL, value VARCHAR);
`;

export function referenceDir(): string {
	const v = process.env.RAPPORTEUR_REFERENCE;
	return v === undefined || v === '' ? 'data/reference' : v;
}

export interface Reference {
	topics: Topic[];
	tools: NamedTool[];
	/** Hash of both files and DERIVE_VERSION: when it differs from the database's, the tables are stale. */
	fingerprint: string;
}

/** Read and check topics.csv and tools.csv. */
export function loadReference(dir = referenceDir()): Reference {
	const topicsText = fs.readFileSync(path.join(dir, 'topics.csv'), 'utf8');
	const toolsText = fs.readFileSync(path.join(dir, 'tools.csv'), 'utf8');
	const fingerprint =
		'sha256:' +
		createHash('sha256').update(`${DERIVE_VERSION}\n${topicsText}\n${toolsText}`).digest('hex').slice(0, 16);
	return { topics: parseTopicsCsv(topicsText), tools: parseToolsCsv(toolsText), fingerprint };
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
	return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The corpus tables as the pure derivation reads them. */
export async function readCorpus(conn: DuckDBConnection): Promise<Corpus> {
	const [meetings, paragraphs, recommendations, agendaItems] = await Promise.all([
		rows(
			conn,
			`SELECT id, document_id, body_code, strftime(start_date, '%Y-%m-%d') AS date, year::INTEGER AS year
			   FROM meeting ORDER BY start_date NULLS LAST, id`
		),
		rows(
			conn,
			`SELECT document_id, number, sort_order::INTEGER AS ord, body_code, item, section, text
			   FROM paragraph ORDER BY document_id, sort_order`
		),
		rows(
			conn,
			`SELECT id, meeting_id, label, section, paragraph, text, sort_order::INTEGER AS ord
			   FROM recommendation ORDER BY meeting_id, sort_order`
		),
		rows(conn, `SELECT meeting_id, number, title FROM agenda_item ORDER BY meeting_id, sort_order`)
	]);
	return {
		meetings: meetings.map((m) => ({
			id: String(m.id),
			documentId: String(m.document_id),
			body: String(m.body_code),
			date: str(m.date),
			year: m.year === null ? null : Number(m.year)
		})),
		paragraphs: paragraphs.map((p) => ({
			documentId: String(p.document_id),
			number: str(p.number),
			order: Number(p.ord),
			body: str(p.body_code),
			item: str(p.item),
			section: str(p.section),
			text: String(p.text)
		})),
		recommendations: recommendations.map((r) => ({
			id: String(r.id),
			meetingId: String(r.meeting_id),
			label: String(r.label),
			section: str(r.section),
			paragraph: str(r.paragraph),
			text: String(r.text),
			sortOrder: Number(r.ord)
		})),
		agendaItems: agendaItems.map((a) => ({
			meetingId: String(a.meeting_id),
			number: String(a.number),
			title: String(a.title)
		}))
	};
}

/**
 * Column types of a table written through the appender: one letter per column (see appender.ts), and the
 * names of its list columns.
 */
const COLUMNS = {
	topic: { types: 'ssslli', lists: ['key_phrases', 'articles'] },
	topic_assignment: { types: 'sssssisisssdl', lists: ['matched'] },
	followup_link: { types: 'ssssssssissdsl', lists: ['reasons'] },
	discovered_term: { types: 'sssdisi', lists: [] },
	derive_info: { types: 'ss', lists: [] }
} as const;

/**
 * Rows of `table` written by `fill`, through one appender that is closed (flushed) at the end. A table with
 * list columns is filled through a staging copy with those columns as VARCHAR, then copied over with the
 * lists split again.
 */
async function appendTo(
	conn: DuckDBConnection,
	table: keyof typeof COLUMNS,
	fill: (row: (cells: readonly Cell[]) => void) => void
): Promise<void> {
	const { types, lists } = COLUMNS[table];
	// Table and column names come from COLUMNS, never from data.
	const staging = lists.length > 0 ? `${table}_staging` : table;
	if (lists.length > 0)
		await conn.run(
			`CREATE OR REPLACE TABLE ${staging} AS SELECT * REPLACE (${lists.map((c) => `NULL::VARCHAR AS ${c}`).join(', ')}) FROM ${table} LIMIT 0`
		);
	await appendRows(conn, staging, types, fill);
	if (lists.length > 0) {
		const split = lists.map((c) => `${splitListSql(c)} AS ${c}`).join(', ');
		await conn.run(`INSERT INTO ${table} SELECT * REPLACE (${split}) FROM ${staging}; DROP TABLE ${staging}`);
	}
}

const linkCells = (l: FollowupLink): Cell[] => [
	l.id,
	l.fromId,
	l.toKey,
	l.toKind,
	l.toMeetingId,
	l.toDocumentId,
	l.toLabel,
	l.toParagraph,
	l.toParagraphOrder,
	l.toItem,
	l.kind,
	l.score,
	l.snippet,
	l.reasons
];

/**
 * Replace the derived tables (one transaction). `links` may be a function that produces the follow-up links
 * while they are written (see deriveTables); it returns the rest of the derivation. `search: false` (a failed
 * derivation) drops the search index instead of building it: it is as derived as the rest, and building it
 * takes a fifth of a derivation (25 s at 1,000×), so search then asks for `npm run derive` like the other pages.
 */
export async function writeDerived(
	conn: DuckDBConnection,
	derived: Derived | ((onLink: (link: FollowupLink) => void) => Derived),
	reference: Reference,
	info: Record<string, string> | ((derived: Derived) => Record<string, string>),
	{ search = true, corpus }: { search?: boolean; corpus?: Corpus } = {}
): Promise<Derived> {
	await conn.run('BEGIN TRANSACTION');
	try {
		await conn.run(DERIVED_SQL);
		let result = typeof derived === 'function' ? null : derived;
		await appendTo(conn, 'followup_link', (row) => {
			if (typeof derived === 'function') result = derived((l) => row(linkCells(l)));
			else for (const l of derived.links) row(linkCells(l));
		});
		const done = result!;
		await appendTo(conn, 'topic', (row) =>
			reference.topics.forEach((t, i) => row([t.id, t.name, t.description, t.keyPhrases, t.articles, i]))
		);
		await appendTo(conn, 'topic_assignment', (row) => {
			for (const a of done.assignments)
				row([
					a.unitKind,
					a.unitKey,
					a.documentId,
					a.meetingId,
					a.body,
					a.year,
					a.paragraph,
					a.paragraphOrder,
					a.label,
					a.item,
					a.topicId,
					a.score,
					a.matched
				]);
		});
		await appendTo(conn, 'discovered_term', (row) =>
			done.terms.forEach((t, i) =>
				row([t.term, t.stems, t.direction, t.slope, t.count, JSON.stringify(t.years), i])
			)
		);
		const facts = typeof info === 'function' ? info(done) : info;
		await appendTo(conn, 'derive_info', (row) => {
			for (const [k, v] of Object.entries(facts)) row([k, v]);
		});
		await buildTopicAggregates(conn);
		await buildTopicTexts(conn);
		await writeRecommendationFollowup(conn);
		// From the corpus and stems in hand when there are (not read and tokenized again).
		if (search)
			await writeSearchIndex(conn, corpus && done.stems ? { corpus, stems: done.stems } : undefined);
		else for (const t of SEARCH_TABLES) await conn.run(`DROP TABLE IF EXISTS ${t}`);
		await conn.run('COMMIT');
		return done;
	} catch (err) {
		await conn.run('ROLLBACK');
		throw err;
	}
}

export interface DeriveSummary {
	assignments: number;
	links: number;
	terms: number;
	ms: number;
}

/**
 * Read the corpus on `conn`, derive, and replace the derived tables. The follow-up links go to the table as
 * the linker finds them: at 1,000× the corpus they are millions, too many to hold. Throws on failure.
 */
export async function deriveTables(
	conn: DuckDBConnection,
	reference = loadReference()
): Promise<DeriveSummary> {
	const started = performance.now();
	const corpus = await readCorpus(conn);
	let links = 0;
	let ms = 0;
	const derived = await writeDerived(
		conn,
		(onLink) => {
			const result = computeDerived(corpus, reference.topics, reference.tools, (link) => {
				links++;
				onLink(link);
			});
			ms = performance.now() - started;
			return result;
		},
		reference,
		() => ({
			version: String(DERIVE_VERSION),
			taxonomy: reference.fingerprint,
			derived_at: new Date().toISOString(),
			ms: ms.toFixed(0)
		}),
		{ corpus }
	);
	return { assignments: derived.assignments.length, links, terms: derived.terms.length, ms };
}

/**
 * The ingest hook: derive, and never fail the ingest for it. A failure leaves empty derived tables and the
 * error in derive_info, which the pages show; the corpus tables are written either way.
 */
export async function deriveAfterIngest(conn: DuckDBConnection): Promise<void> {
	try {
		await deriveTables(conn);
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		console.error(`derive: topics and follow-up links not computed: ${message}`);
		try {
			await writeDerived(
				conn,
				{ assignments: [], links: [], terms: [] },
				{ topics: [], tools: [], fingerprint: '' },
				{
					version: String(DERIVE_VERSION),
					error: message,
					derived_at: new Date().toISOString()
				},
				{ search: false }
			);
		} catch {
			// Even the empty tables could not be written; the pages then report the tables as missing.
		}
	}
}

// ---------------------------------------------------------------------------------------------
// `npm run derive`: the same step on an existing database, published atomically like an ingest.

/**
 * Recompute the derived tables of the database at `dbPath`: copy it to `<db>.tmp-<pid>` (the name ingest
 * cleans up after a crash), derive there, and rename the copy over the database, so readers see the old file
 * or the new one.
 */
export async function rederive(dbPath: string, reference = loadReference()): Promise<DeriveSummary> {
	if (!fs.existsSync(dbPath)) throw new Error(`${dbPath} not found: run \`npm run ingest\` first`);
	const unlock = acquireWriterLock(dbPath);
	const tmp = `${dbPath}.tmp-${process.pid}`;
	try {
		fs.copyFileSync(dbPath, tmp);
		if (fs.existsSync(`${dbPath}.wal`)) fs.copyFileSync(`${dbPath}.wal`, `${tmp}.wal`);
		const instance = await duckdb.DuckDBInstance.create(tmp, {
			threads: '2',
			memory_limit: '1GB',
			autoinstall_known_extensions: 'false'
		});
		let summary: DeriveSummary;
		try {
			const conn = await instance.connect();
			try {
				summary = await deriveTables(conn, reference);
				await conn.run('CHECKPOINT');
			} finally {
				conn.closeSync();
			}
		} finally {
			instance.closeSync();
		}
		fs.rmSync(`${dbPath}.wal`, { force: true });
		fs.rmSync(`${tmp}.wal`, { force: true });
		fs.renameSync(tmp, dbPath);
		return summary;
	} catch (err) {
		fs.rmSync(tmp, { force: true });
		fs.rmSync(`${tmp}.wal`, { force: true });
		throw err;
	} finally {
		unlock();
	}
}
