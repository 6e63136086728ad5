/**
 * Files of the corpus into the DuckDB database (`schema.ts`).
 *
 * Atomic: the web app reads the database file while an ingest runs, and a killed ingest must not
 * leave a half-written file behind. So a run copies the database to `<db>.tmp-<pid>`, writes the
 * copy, checkpoints and closes it, and renames it over the database; readers see the old file or
 * the new one, never a mix. Stale copies of dead runs are removed at start, and a lock file
 * (`<db>.tmp.lock`) keeps two runs from overwriting each other's work.
 *
 * Idempotent: a file whose sha256 matches the stored one (same file name, same reference table,
 * same schema version) is skipped; when nothing changed, the database is not even copied.
 *
 * Per document all or nothing: a document that fails (unreadable bytes, a ParseError, a row DuckDB
 * refuses) leaves no rows and the other documents still go in. Documents are committed in batches
 * with a fallback to one transaction per document when a batch fails (see BatchWriter for why).
 *
 * All values reach DuckDB through the appender or bound parameters, never through SQL text.
 */

import { backupDecisionLog, curationDirOf } from './curation-backup';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './duckdb-api';
import type { ReferenceEntity } from '../ingest/names';
import type { ParsedDocument } from '../ingest/types';
import {
	DOCUMENT_TABLES,
	MEETING_TABLES,
	SCHEMA_SQL,
	SCHEMA_VERSION,
	TABLES,
	type TableName
} from './schema';
import { buildParticipationAggregates } from './participation-aggregates/build';
import { extractText } from './extract';
import { acquireWriterLock, pidAlive } from './writer-lock';

export interface IngestFile {
	/** Path as given; its base name is the document's file name. */
	path: string;
	bytes: Uint8Array;
}

export type FileStatus = 'added' | 'replaced' | 'unchanged' | 'failed';

export interface IngestProgress {
	done: number;
	total: number;
	file: string;
	status: FileStatus;
}

export interface IngestOptions {
	/** The reference table; reloaded into `entity`/`entity_alias` whenever the database is written. */
	entities: ReferenceEntity[];
	onProgress?: (progress: IngestProgress) => void;
	/**
	 * Text to parsed document. Defaults to the real parser with names resolved against `entities`;
	 * tests inject a fake so they need neither the parser nor the reference table.
	 */
	parse?: (text: string) => ParsedDocument;
	/** Documents per transaction (default 100); 1 = one transaction per document. See BatchWriter. */
	batchSize?: number;
}

export interface IngestFailure {
	file: string;
	reason: string;
}

export interface IngestSummary {
	dbPath: string;
	/** False when nothing changed and the database file was left untouched. */
	rewritten: boolean;
	/** True when the existing database had another schema version and was rebuilt from this run. */
	rebuilt: boolean;
	added: string[];
	replaced: string[];
	unchanged: string[];
	failed: IngestFailure[];
	/** Meetings in the database after the run. */
	meetings: number;
	/** Rows per table in the database after the run. */
	rowCounts: Record<TableName, number>;
	/** Warnings recorded for the documents written in this run. */
	warnings: number;
	/** Bytes of the files parsed in this run (not of skipped ones). */
	bytesParsed: number;
	ms: number;
}

/** DuckDB settings for the writer: bounded, so an ingest next to the web server cannot starve it. */
const WRITER_CONFIG = {
	threads: '2',
	memory_limit: '1GB',
	checkpoint_threshold: '4GB',
	autoinstall_known_extensions: 'false'
};

const SCHEMA_MARK = `rapporteur schema ${SCHEMA_VERSION}`;

/** Ingest `files` into the database at `dbPath`; see the module comment for the guarantees. */
export async function ingestFiles(
	dbPath: string,
	files: IngestFile[],
	opts: IngestOptions
): Promise<IngestSummary> {
	const started = performance.now();
	fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
	const unlock = acquireWriterLock(dbPath);
	try {
		removeStaleCopies(dbPath);
		const fingerprint = entityFingerprint(opts.entities);
		const state = fs.existsSync(dbPath) ? await readState(dbPath) : null;
		if (state && state.schemaMark === null && state.tableCount > 0) {
			throw new Error(
				`${dbPath} is not a Rapporteur database (its tables carry no schema mark); not touching it`
			);
		}
		const rebuilt = state !== null && state.schemaMark !== SCHEMA_MARK;
		const stored = state && !rebuilt ? state.documents : new Map<string, StoredDocument>();
		// Entities are resolved at parse time, so a changed reference table means every file of the
		// run must be parsed again for its entity ids to follow.
		const entitiesChanged = !state || rebuilt || state.entityMark !== fingerprint;

		const summary: IngestSummary = {
			dbPath,
			rewritten: false,
			rebuilt,
			added: [],
			replaced: [],
			unchanged: [],
			failed: [],
			meetings: 0,
			rowCounts: emptyCounts(),
			warnings: 0,
			bytesParsed: 0,
			ms: 0
		};
		const plan = planFiles(files, stored, entitiesChanged, summary);
		let done = 0;
		const report = (file: string, status: FileStatus) =>
			opts.onProgress?.({ done: ++done, total: files.length, file, status });
		for (const f of summary.failed) report(f.file, 'failed');
		for (const f of summary.unchanged) report(f, 'unchanged');

		if (plan.length === 0 && !entitiesChanged && state) {
			summary.rowCounts = state.rowCounts;
			summary.meetings = state.rowCounts.meeting;
			summary.ms = performance.now() - started;
			return summary;
		}

		// The parser's modules load while DuckDB opens the copy and writes the schema on its own threads (in turn,
		// the main thread waited for each: 40-60 ms). Awaited in the try below, which reports a failure.
		const parser = opts.parse
			? Promise.resolve(opts.parse)
			: plan.length > 0
				? realParser(opts.entities)
				: Promise.resolve(notCalled);
		parser.catch(() => undefined);
		const tmp = `${dbPath}.tmp-${process.pid}`;
		if (state && !rebuilt) {
			fs.copyFileSync(dbPath, tmp);
			// A WAL left by a crashed writer holds committed changes the copy must include.
			if (fs.existsSync(`${dbPath}.wal`)) fs.copyFileSync(`${dbPath}.wal`, `${tmp}.wal`);
		}
		let instance: DuckDBInstance | null = null;
		let conn: DuckDBConnection | null = null;
		let writer: BatchWriter | null = null;
		try {
			instance = await duckdb.DuckDBInstance.create(tmp, WRITER_CONFIG);
			conn = await instance.connect();
			await prepareSchema(conn);
			await loadEntities(conn, opts.entities, fingerprint);
			const parse = await parser;
			writer = new BatchWriter(
				conn,
				summary,
				report,
				Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE),
				await readMeetingOwners(conn),
				await readBodies(conn)
			);
			for (const item of plan) {
				summary.bytesParsed += item.file.bytes.length;
				let text: string;
				let parsed: ParsedDocument;
				try {
					// PDF and Word files are read to text here; anything else is decoded as text.
					text = await extractText(item.file.path, item.file.bytes);
					parsed = parse(text);
				} catch (err) {
					await writer.failed(item, errorReason(err));
					continue;
				}
				await writer.add({
					item,
					rows: documentRows(item, text, parsed, writer.takenIds(item.id)),
					reason: null
				});
			}
			// Likewise the derivation's modules (80-140 ms) load while the last batch commits and the aggregates
			// are built.
			const derive = import('./derive');
			derive.catch(() => undefined);
			await writer.flush();
			await buildParticipationAggregates(conn); // who took part in each meeting (participation-aggregates/)
			await (await derive).deriveAfterIngest(conn); // topics and follow-up links (derive.ts)
			await conn.run('CHECKPOINT');
			summary.rowCounts = await countRows(conn);
			summary.meetings = summary.rowCounts.meeting;
			conn.closeSync();
			conn = null;
			instance.closeSync();
			instance = null;
			// The old WAL (if any) was folded into the copy; left next to the new file it would be
			// replayed against the wrong database.
			fs.rmSync(`${dbPath}.wal`, { force: true });
			fs.rmSync(`${tmp}.wal`, { force: true });
			// Curated decisions live apart from the database and are never rewritten here; a copy is kept anyway.
			backupDecisionLog(curationDirOf(dbPath));
			fs.renameSync(tmp, dbPath);
			summary.rewritten = true;
		} catch (err) {
			// Whatever failed, the database at dbPath is the one from before the run.
			// A batch may still be committing: closing the connection under it could crash DuckDB.
			await writer?.drain();
			try {
				conn?.closeSync();
				instance?.closeSync();
			} catch {
				// Closing after a failure may fail again; the copy is discarded either way.
			}
			fs.rmSync(tmp, { force: true });
			fs.rmSync(`${tmp}.wal`, { force: true });
			throw err;
		}
		summary.ms = performance.now() - started;
		return summary;
	} finally {
		unlock();
	}
}

// ---------------------------------------------------------------------------------------------
// Planning: which files need work

interface StoredDocument {
	id: string;
	sha256: string;
}

interface PlannedFile {
	file: IngestFile;
	fileName: string;
	id: string;
	sha256: string;
	/** The file is in the database with other content (or another reference table). */
	replace: boolean;
}

/** The document id: the file name without extension, stable and short enough for URLs. */
export function documentId(fileName: string): string {
	return fileName.replace(/\.(txt|md|markdown|text|pdf|docx)$/i, '');
}

function planFiles(
	files: IngestFile[],
	stored: Map<string, StoredDocument>,
	entitiesChanged: boolean,
	summary: IngestSummary
): PlannedFile[] {
	const plan: PlannedFile[] = [];
	const storedIds = new Map<string, string>();
	for (const [fileName, doc] of stored) storedIds.set(doc.id, fileName);
	const runNames = new Map<string, string>();
	const runIds = new Map<string, string>();
	for (const file of files) {
		const fileName = path.basename(file.path);
		const id = documentId(fileName);
		const sameName = runNames.get(fileName);
		if (sameName !== undefined) {
			summary.failed.push({ file: file.path, reason: `same file name as ${sameName}` });
			continue;
		}
		const idOwner = runIds.get(id) ?? storedIds.get(id);
		if (idOwner !== undefined && idOwner !== fileName && path.basename(idOwner) !== fileName) {
			summary.failed.push({ file: file.path, reason: `document id "${id}" is already used by ${idOwner}` });
			continue;
		}
		runNames.set(fileName, file.path);
		runIds.set(id, file.path);
		const sha256 = createHash('sha256').update(file.bytes).digest('hex');
		const prev = stored.get(fileName);
		if (prev && prev.sha256 === sha256 && !entitiesChanged) {
			summary.unchanged.push(file.path);
			continue;
		}
		plan.push({ file, fileName, id, sha256, replace: prev !== undefined });
	}
	return plan;
}

// ---------------------------------------------------------------------------------------------
// Writing documents

/**
 * What one file does to the database: its new rows, or (`rows` null) only the removal of the rows
 * of its previous version, when the changed file no longer parses.
 */
interface Change {
	item: PlannedFile;
	rows: DocumentRows | null;
	/** Why the file failed, for a removal. */
	reason: string | null;
}

/**
 * Writes documents in batches: one transaction per batch, because a commit costs an fsync of the
 * WAL and every appender flush has a fixed cost, which one transaction per document pays 5,000
 * times (measured here: about 17 ms per document, against 2–3 ms in batches of 100). When a batch
 * fails it is rolled back and its documents are written again one transaction each, so a document
 * the database refuses still leaves no rows and fails alone. Per-document commits would buy no
 * durability anyway: the copy is published only whole, by the final rename. `batchSize: 1`
 * writes strictly one document per transaction.
 *
 * A batch is written while the next one is parsed (the COMMIT runs on a libuv thread); `flush`
 * waits for the previous batch first, so the connection only ever runs one transaction.
 */
class BatchWriter {
	private pending: Change[] = [];
	private pendingBytes = 0;
	/** The batch being written; resolves to its error, if any, so a rejection is never unhandled. */
	private inflight: Promise<{ error: unknown } | null> | null = null;
	/** Document id -> meeting ids it holds (stored or pending), the reverse of `meetingOwner`. */
	private readonly meetingsOf = new Map<string, string[]>();

	constructor(
		private readonly conn: DuckDBConnection,
		private readonly summary: IngestSummary,
		private readonly report: (file: string, status: FileStatus) => void,
		private readonly maxDocs: number,
		/** Meeting id -> document id, for all stored and pending documents. */
		private readonly meetingOwner: Map<string, string>,
		private readonly knownBodies: Set<string>
	) {
		for (const [id, doc] of meetingOwner) this.meetingsOf.set(doc, [...(this.meetingsOf.get(doc) ?? []), id]);
	}

	/** The meeting ids other documents hold; a replaced document first gives up its own. */
	takenIds(documentId: string): Map<string, string> {
		this.releaseIds(documentId);
		return this.meetingOwner;
	}

	private releaseIds(documentId: string): void {
		for (const id of this.meetingsOf.get(documentId) ?? []) this.meetingOwner.delete(id);
		this.meetingsOf.delete(documentId);
	}

	async add(change: Change): Promise<void> {
		if (change.rows) {
			const ids = (change.rows.tables.meeting ?? []).map((row) => String(row[0]));
			for (const id of ids) this.meetingOwner.set(id, change.item.id);
			this.meetingsOf.set(change.item.id, ids);
		}
		this.pending.push(change);
		this.pendingBytes += change.item.file.bytes.length;
		if (this.pending.length >= this.maxDocs || this.pendingBytes >= MAX_BATCH_BYTES) await this.flush(false);
	}

	/** A file that did not decode or parse. */
	async failed(item: PlannedFile, reason: string): Promise<void> {
		this.releaseIds(item.id);
		// A changed file that fails loses its old rows too (see `removeOld`).
		if (item.replace) return this.add({ item, rows: null, reason });
		this.summary.failed.push({ file: item.file.path, reason });
		this.report(item.file.path, 'failed');
	}

	/** Start writing the pending batch; with `wait`, also wait until everything is written. */
	async flush(wait = true): Promise<void> {
		await this.settle();
		const batch = this.pending;
		this.pending = [];
		this.pendingBytes = 0;
		if (batch.length > 0) {
			this.inflight = this.write(batch).then(
				() => null,
				(error: unknown) => ({ error })
			);
		}
		if (wait) await this.settle();
	}

	/** Wait for the batch being written, ignoring its outcome (the run is failing anyway). */
	async drain(): Promise<void> {
		const inflight = this.inflight;
		this.inflight = null;
		await inflight;
	}

	private async settle(): Promise<void> {
		const inflight = this.inflight;
		this.inflight = null;
		const outcome = inflight ? await inflight : null;
		if (outcome) throw outcome.error;
	}

	private async write(batch: Change[]): Promise<void> {
		if (batch.length > 1 && (await this.transaction(batch)) === true) return this.done(batch);
		// One document alone, or the batch failed: one transaction per document.
		for (const change of batch) {
			const ok = await this.transaction([change]);
			if (ok === true) {
				this.done([change]);
				continue;
			}
			this.releaseIds(change.item.id);
			const reason = `database refused the rows: ${ok}`;
			if (change.item.replace) await this.removeOld(change.item, reason);
			else {
				this.summary.failed.push({ file: change.item.file.path, reason });
				this.report(change.item.file.path, 'failed');
			}
		}
	}

	/**
	 * A changed file that fails loses its old rows: they describe content no longer in the corpus.
	 * Its missing document row makes the next run try it again.
	 */
	private async removeOld(item: PlannedFile, reason: string): Promise<void> {
		const ok = await this.transaction([{ item, rows: null, reason }]);
		if (ok !== true) throw new Error(`could not remove the old rows of ${item.file.path}: ${ok}`);
		this.done([{ item, rows: null, reason }]);
	}

	/** True when committed, else the reason (the transaction is rolled back). */
	private async transaction(batch: Change[]): Promise<true | string> {
		await this.conn.run('BEGIN TRANSACTION');
		try {
			const replaced = batch.filter((c) => c.item.replace).map((c) => c.item.id);
			if (replaced.length > 0) await deleteDocuments(this.conn, replaced);
			const bodies = new Map<string, string>();
			for (const c of batch) {
				for (const [code, name] of c.rows?.bodies ?? []) {
					if (!this.knownBodies.has(code) && !bodies.has(code)) bodies.set(code, name);
				}
			}
			await appendRows(
				this.conn,
				'body',
				[...bodies].map(([code, name]) => [code, name])
			);
			for (const table of TABLES) {
				const rows = batch.flatMap((c) => c.rows?.tables[table] ?? []);
				if (rows.length > 0) await appendRows(this.conn, table, rows);
			}
			await this.conn.run('COMMIT');
			for (const code of bodies.keys()) this.knownBodies.add(code);
			return true;
		} catch (err) {
			await this.conn.run('ROLLBACK');
			return errorReason(err);
		}
	}

	/** Reported after the commit, so the callback never sees a document that is then rolled back. */
	private done(batch: Change[]): void {
		for (const { item, rows, reason } of batch) {
			if (!rows) {
				this.summary.failed.push({
					file: item.file.path,
					reason: `${reason} (its rows from the previous version were removed)`
				});
				this.report(item.file.path, 'failed');
				continue;
			}
			this.summary.warnings += rows.tables.parse_warning?.length ?? 0;
			(item.replace ? this.summary.replaced : this.summary.added).push(item.file.path);
			this.report(item.file.path, item.replace ? 'replaced' : 'added');
		}
	}
}

/** Documents per transaction by default, and a cap on the text a batch holds in memory. */
// 500 rather than 100: at 5,000 documents fewer commits and appender flushes saved a sixth of the CPU time
// (measured 19.0 s -> 15.7 s with 1,000); not more, because a batch that fails is written again one document
// per transaction.
const DEFAULT_BATCH_SIZE = 500;
const MAX_BATCH_BYTES = 64_000_000;

function errorReason(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}

/** All rows of these documents, directly or through their meetings. */
async function deleteDocuments(conn: DuckDBConnection, documentIds: string[]): Promise<void> {
	const docs = duckdb.listValue(documentIds);
	for (const table of MEETING_TABLES) {
		await conn.run(
			`DELETE FROM ${table} WHERE meeting_id IN (SELECT id FROM meeting WHERE list_contains($docs, document_id))`,
			{ docs }
		);
	}
	await conn.run('DELETE FROM meeting WHERE list_contains($docs, document_id)', { docs });
	for (const table of DOCUMENT_TABLES) {
		await conn.run(`DELETE FROM ${table} WHERE list_contains($docs, document_id)`, { docs });
	}
	await conn.run('DELETE FROM document WHERE list_contains($docs, id)', { docs });
}

async function readMeetingOwners(conn: DuckDBConnection): Promise<Map<string, string>> {
	const owners = new Map<string, string>();
	for (const r of (await conn.runAndReadAll('SELECT id, document_id FROM meeting')).getRowObjectsJS()) {
		owners.set(String(r.id), String(r.document_id));
	}
	return owners;
}

async function readBodies(conn: DuckDBConnection): Promise<Set<string>> {
	const rows = (await conn.runAndReadAll('SELECT code FROM body')).getRowObjectsJS();
	return new Set(rows.map((r) => String(r.code)));
}

/** "WG.2" -> "wg2": the body part of a meeting id. */
export function bodySlug(code: string): string {
	return code.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** `wg2-2013-10-28`; other kinds of document than reports get their own ids (see schema.ts). */
export function baseMeetingId(
	documentId: string,
	kind: ParsedDocument['kind'],
	bodyCode: string,
	startDate: string | null
): string {
	const date = startDate && isIsoDate(startDate) ? startDate : `undated-${documentId}`;
	const suffix = kind === 'report' ? '' : kind === 'provisional_agenda' ? '-agenda' : '-other';
	return `${bodySlug(bodyCode)}-${date}${suffix}`;
}

function isIsoDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.toISOString().startsWith(s);
}

// ---------------------------------------------------------------------------------------------
// Rows

type Cell = string | number | boolean | null | readonly string[];
type ColumnType = 'varchar' | 'integer' | 'boolean' | 'date' | 'timestamp' | 'varchar[]';

/**
 * Column names and types of each table, in the order of schema.ts (checked against the database at
 * start). The appender writes by position, so rows below are built in this order.
 */
const LAYOUT: Record<TableName, readonly (readonly [string, ColumnType])[]> = {
	document: [
		['id', 'varchar'],
		['file_name', 'varchar'],
		['sha256', 'varchar'],
		['bytes', 'integer'],
		['kind', 'varchar'],
		['symbol', 'varchar'],
		['title', 'varchar'],
		['label', 'varchar'],
		['distribution_date', 'date'],
		['text', 'varchar'],
		['parsed_at', 'timestamp']
	],
	body: [
		['code', 'varchar'],
		['name', 'varchar']
	],
	meeting: [
		['id', 'varchar'],
		['document_id', 'varchar'],
		['body_code', 'varchar'],
		['start_date', 'date'],
		['end_date', 'date'],
		['year', 'integer'],
		['venue', 'varchar'],
		['format', 'varchar'],
		['meetings_held', 'integer']
	],
	chair: [
		['meeting_id', 'varchar'],
		['name', 'varchar'],
		['country', 'varchar'],
		['entity_id', 'varchar'],
		['role', 'varchar'],
		['paragraph', 'varchar'],
		['sort_order', 'integer']
	],
	agenda_item: [
		['meeting_id', 'varchar'],
		['number', 'varchar'],
		['parent', 'varchar'],
		['title', 'varchar'],
		['joint', 'boolean'],
		['sort_order', 'integer']
	],
	entity: [
		['id', 'varchar'],
		['name', 'varchar'],
		['kind', 'varchar'],
		['iso3', 'varchar'],
		['regional_group', 'varchar']
	],
	entity_alias: [
		['alias', 'varchar'],
		['entity_id', 'varchar']
	],
	attendance: [
		['meeting_id', 'varchar'],
		['name_as_written', 'varchar'],
		['entity_id', 'varchar'],
		['category', 'varchar'],
		['paragraph', 'varchar'],
		['sort_order', 'integer']
	],
	statement: [
		['meeting_id', 'varchar'],
		['item', 'varchar'],
		['speaker_as_written', 'varchar'],
		['entity_id', 'varchar'],
		['on_behalf_of', 'varchar'],
		['paragraph', 'varchar'],
		['sort_order', 'integer']
	],
	panellist: [
		['meeting_id', 'varchar'],
		['name', 'varchar'],
		['country', 'varchar'],
		['entity_id', 'varchar'],
		['function', 'varchar'],
		['item', 'varchar'],
		['paragraph', 'varchar'],
		['sort_order', 'integer']
	],
	recommendation: [
		['id', 'varchar'],
		['meeting_id', 'varchar'],
		['label', 'varchar'],
		['printed_label', 'varchar'],
		['kind', 'varchar'],
		['section', 'varchar'],
		['text', 'varchar'],
		['addressees', 'varchar[]'],
		['strength', 'varchar'],
		['subject_to_extrabudgetary', 'boolean'],
		['paragraph', 'varchar'],
		['sort_order', 'integer']
	],
	document_before: [
		['meeting_id', 'varchar'],
		['symbol', 'varchar'],
		['title', 'varchar'],
		['item', 'varchar'],
		['sort_order', 'integer']
	],
	cited_document: [
		['document_id', 'varchar'],
		['symbol', 'varchar'],
		['sort_order', 'integer']
	],
	paragraph: [
		['document_id', 'varchar'],
		['number', 'varchar'],
		['inferred', 'boolean'],
		['chapter', 'varchar'],
		['section', 'varchar'],
		['body_code', 'varchar'],
		['item', 'varchar'],
		['text', 'varchar'],
		['sort_order', 'integer']
	],
	parse_warning: [
		['document_id', 'varchar'],
		['message', 'varchar'],
		['sort_order', 'integer']
	]
};

interface DocumentRows {
	tables: Partial<Record<TableName, Cell[][]>>;
	/** Bodies the document names, [code, name]; shared rows, added only when new. */
	bodies: [string, string][];
}

/**
 * Everything one parsed document puts in the database. Pure apart from the clock; ingest
 * warnings (records for a body without a meeting, unreadable dates, clashing ids) are added to the
 * parser's own so they are visible where the data is.
 */
const KIND_LABELS: Record<string, string> = { report: 'report', provisional_agenda: 'provisional agenda' };

/** Built once: `toLocaleDateString` builds a formatter per call (0.12 ms each, 0.6 s at 5,000 documents). */
const LABEL_DATE = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC'
});

/**
 * How charts cite a document in their source lines: its symbol, or, for the many reports whose
 * text carries none, "WG.3/WG.2 report of 23 October 2017" (bodies, kind, distribution date).
 */
export function documentLabel(
	parsed: Pick<ParsedDocument, 'symbol' | 'bodies' | 'kind' | 'distributionDate'>
): string {
	if (parsed.symbol) return parsed.symbol;
	const bodies = parsed.bodies.map((b) => b.code).join('/') || 'Unknown body';
	const kind = KIND_LABELS[parsed.kind] ?? 'document';
	const d =
		parsed.distributionDate && isIsoDate(parsed.distributionDate)
			? new Date(`${parsed.distributionDate}T00:00:00Z`)
			: null;
	const when = d ? ` of ${LABEL_DATE.format(d)}` : '';
	return `${bodies} ${kind}${when}`;
}

export function documentRows(
	item: { id: string; fileName: string; sha256: string; file: { bytes: Uint8Array } },
	text: string,
	parsed: ParsedDocument,
	takenMeetingIds: Map<string, string> = new Map()
): DocumentRows {
	const doc = item.id;
	const warnings = [...parsed.warnings];
	const date = (value: string | null, what: string): string | null => {
		if (value === null || isIsoDate(value)) return value;
		warnings.push(`${what}: "${value}" is not a date (YYYY-MM-DD); stored as NULL`);
		return null;
	};

	const meetingRows: Cell[][] = [];
	const meetingOf = new Map<string, string>();
	const meetingIds: string[] = [];
	for (const m of parsed.meetings) {
		let id = baseMeetingId(doc, parsed.kind, m.body.code, m.startDate);
		const owner = takenMeetingIds.get(id);
		if (owner !== undefined || meetingIds.includes(id)) {
			const unique = `${id}~${doc}`;
			warnings.push(
				`meeting id ${id} is already used by ${owner ? `document ${owner}` : 'another meeting of this document'}; stored as ${unique}`
			);
			id = unique;
		}
		meetingIds.push(id);
		if (!meetingOf.has(m.body.code)) meetingOf.set(m.body.code, id);
		const start = date(m.startDate, `${m.body.code} start date`);
		meetingRows.push([
			id,
			doc,
			m.body.code,
			start,
			date(m.endDate, `${m.body.code} end date`),
			start ? Number(start.slice(0, 4)) : null,
			m.venue,
			m.format,
			m.meetingsHeld
		]);
	}

	// Records name their body; one whose body has no meeting cannot be stored, and says so.
	const dropped = new Map<string, number>();
	const meetingFor = (body: string, what: string): string | null => {
		const id = meetingOf.get(body);
		if (id === undefined) {
			const key = `${what} for body ${body}`;
			dropped.set(key, (dropped.get(key) ?? 0) + 1);
			return null;
		}
		return id;
	};
	const perMeeting = <T>(
		records: T[],
		body: (r: T) => string,
		what: string,
		row: (r: T, meetingId: string, i: number) => Cell[]
	) => {
		const out: Cell[][] = [];
		records.forEach((r, i) => {
			const meetingId = meetingFor(body(r), what);
			if (meetingId !== null) out.push(row(r, meetingId, i));
		});
		return out;
	};

	const chair = perMeeting(
		parsed.chairs,
		(c) => c.body,
		'chair',
		(c, mid, i) => [mid, c.name, c.country, c.countryRef?.entityId ?? null, c.role, c.paragraph, i]
	);
	const agenda_item = perMeeting(
		parsed.agenda,
		(a) => a.body,
		'agenda item',
		(a, mid, i) => [mid, a.number, a.parent, a.title, a.joint, i]
	);
	// Attendance is printed once per document; stored for each of its meetings (see schema.ts).
	const attendance: Cell[][] = [];
	if (parsed.attendance.length > 0 && meetingIds.length === 0) {
		warnings.push(`${parsed.attendance.length} attendance entries not stored: the document names no meeting`);
	}
	for (const mid of new Set(meetingOf.values())) {
		parsed.attendance.forEach((a, i) =>
			attendance.push([mid, a.name, a.entityId, a.category, a.paragraph, i])
		);
	}
	const statement = perMeeting(
		parsed.statements,
		(s) => s.body,
		'statement',
		(s, mid, i) => [mid, s.item, s.speaker, s.entityId, s.onBehalfOf, s.paragraph, i]
	);
	const panellist = perMeeting(
		parsed.panellists,
		(p) => p.body,
		'panellist',
		(p, mid, i) => [
			mid,
			p.name,
			p.country,
			p.countryRef?.entityId ?? null,
			p.function,
			p.item,
			p.paragraph,
			i
		]
	);
	const recIds = new Set<string>();
	const recommendation = perMeeting(
		parsed.recommendations,
		(r) => r.body,
		'recommendation',
		(r, mid) => {
			let id = `${mid}:${r.label}`;
			for (let n = 2; recIds.has(id); n++) id = `${mid}:${r.label}#${n}`;
			if (id !== `${mid}:${r.label}`)
				warnings.push(`recommendation label ${r.label} repeats in ${mid}; stored as ${id}`);
			recIds.add(id);
			return [
				id,
				mid,
				r.label,
				r.printedLabel,
				r.kind,
				r.section,
				r.text,
				r.addressees,
				r.strength,
				r.subjectToExtrabudgetary,
				r.paragraph,
				r.order
			];
		}
	);
	const document_before = perMeeting(
		parsed.documentsBefore,
		(d) => d.body,
		'document before the meeting',
		(d, mid, i) => [mid, d.symbol, d.title, d.item, i]
	);
	for (const [key, n] of dropped)
		warnings.push(`${n} ${key} not stored: no meeting of that body in the document`);

	const cited_document: Cell[][] = parsed.citedDocuments.map((symbol, i) => [doc, symbol, i]);
	const paragraph: Cell[][] = parsed.paragraphs.map((p) => [
		doc,
		p.number,
		p.inferred,
		p.chapter,
		p.section,
		p.body,
		p.item,
		p.text,
		p.order
	]);
	const document: Cell[][] = [
		[
			doc,
			item.fileName,
			item.sha256,
			item.file.bytes.length,
			parsed.kind,
			parsed.symbol,
			parsed.title,
			documentLabel(parsed),
			date(parsed.distributionDate, 'distribution date'),
			text,
			new Date().toISOString().replace('T', ' ').replace('Z', '')
		]
	];
	const parse_warning: Cell[][] = warnings.map((message, i) => [doc, message, i]);
	const bodies = new Map<string, string>();
	for (const b of [...parsed.bodies, ...parsed.meetings.map((m) => m.body)]) {
		if (!bodies.has(b.code)) bodies.set(b.code, b.name);
	}
	return {
		bodies: [...bodies],
		tables: {
			document,
			meeting: meetingRows,
			chair,
			agenda_item,
			attendance,
			statement,
			panellist,
			recommendation,
			document_before,
			cited_document,
			paragraph,
			parse_warning
		}
	};
}

const VARCHAR_LIST = duckdb.LIST(duckdb.VARCHAR);

/** Bulk insert through the appender (one flush per table and batch). */
async function appendRows(conn: DuckDBConnection, table: TableName, rows: Cell[][]): Promise<void> {
	if (rows.length === 0) return;
	const layout = LAYOUT[table];
	const appender = await conn.createAppender(table);
	try {
		for (const row of rows) {
			for (let c = 0; c < layout.length; c++) {
				const value = row[c];
				const type = layout[c]![1];
				if (value === null || value === undefined) appender.appendNull();
				else if (type === 'integer') appender.appendInteger(value as number);
				else if (type === 'boolean') appender.appendBoolean(value as boolean);
				else if (type === 'varchar[]') appender.appendList(value as readonly string[], VARCHAR_LIST);
				// DATE and TIMESTAMP columns take ISO text; the appender casts it.
				else appender.appendVarchar(String(value));
			}
			appender.endRow();
		}
		appender.closeSync();
	} catch (err) {
		try {
			appender.clear();
			appender.closeSync();
		} catch {
			// The appender is unusable after a failed flush; the transaction is rolled back anyway.
		}
		throw err;
	}
}

// ---------------------------------------------------------------------------------------------
// Database-wide steps

async function prepareSchema(conn: DuckDBConnection): Promise<void> {
	await conn.run(SCHEMA_SQL);
	await conn.run(`COMMENT ON TABLE document IS '${SCHEMA_MARK}'`);
	const reader = await conn.runAndReadAll(
		`SELECT table_name, column_name FROM duckdb_columns()
		 WHERE database_name = current_database() AND schema_name = 'main'
		 ORDER BY table_name, column_index`
	);
	const actual = new Map<string, string[]>();
	for (const r of reader.getRowObjectsJS()) {
		const t = String(r.table_name);
		actual.set(t, [...(actual.get(t) ?? []), String(r.column_name)]);
	}
	for (const table of TABLES) {
		const expected = LAYOUT[table].map(([name]) => name).join(',');
		const got = (actual.get(table) ?? []).join(',');
		// A mismatch is a programming error (schema.ts and LAYOUT disagree), not a data problem.
		if (expected !== got)
			throw new Error(`table ${table}: columns ${got} do not match the ingest layout ${expected}`);
	}
}

async function loadEntities(
	conn: DuckDBConnection,
	entities: ReferenceEntity[],
	fingerprint: string
): Promise<void> {
	const ids = new Set<string>();
	const entityRows: Cell[][] = [];
	const aliasRows: Cell[][] = [];
	for (const e of entities) {
		if (ids.has(e.id)) throw new Error(`reference entities: id ${e.id} appears twice`);
		ids.add(e.id);
		entityRows.push([e.id, e.name, e.kind, e.iso3 ?? null, e.regionalGroup ?? null]);
		for (const alias of new Set(e.aliases ?? [])) aliasRows.push([alias, e.id]);
	}
	await conn.run('BEGIN TRANSACTION');
	try {
		await conn.run('DELETE FROM entity_alias');
		await conn.run('DELETE FROM entity');
		await appendRows(conn, 'entity', entityRows);
		await appendRows(conn, 'entity_alias', aliasRows);
		await conn.run(`COMMENT ON TABLE entity IS '${fingerprint}'`);
		await conn.run('COMMIT');
	} catch (err) {
		await conn.run('ROLLBACK');
		throw err;
	}
}

/** A hash of the reference table, kept as the `entity` table's comment to tell when it changed. */
function entityFingerprint(entities: ReferenceEntity[]): string {
	const canonical = [...entities]
		.map((e) => [
			e.id,
			e.name,
			e.kind,
			e.iso3 ?? null,
			e.regionalGroup ?? null,
			[...new Set(e.aliases ?? [])].sort()
		])
		.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
	return 'sha256:' + createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function emptyCounts(): Record<TableName, number> {
	return Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<TableName, number>;
}

async function countRows(conn: DuckDBConnection): Promise<Record<TableName, number>> {
	// Table names come from the TABLES constant, not from any document.
	const sql = TABLES.map((t) => `SELECT '${t}' AS t, count(*)::INTEGER AS n FROM ${t}`).join(' UNION ALL ');
	const counts = emptyCounts();
	for (const r of (await conn.runAndReadAll(sql)).getRowObjectsJS()) counts[r.t as TableName] = Number(r.n);
	return counts;
}

interface DatabaseState {
	/** `rapporteur schema N`, the comment on table `document`; null when there is none. */
	schemaMark: string | null;
	tableCount: number;
	entityMark: string | null;
	/** By file name. */
	documents: Map<string, StoredDocument>;
	rowCounts: Record<TableName, number>;
}

/** What the existing database holds, read without writing to it (so its mtime stays put). */
async function readState(dbPath: string): Promise<DatabaseState> {
	const instance = await duckdb.DuckDBInstance.create(dbPath, { ...WRITER_CONFIG, access_mode: 'READ_ONLY' });
	const conn = await instance.connect();
	try {
		const tables = (
			await conn.runAndReadAll(
				`SELECT table_name, comment FROM duckdb_tables()
				 WHERE database_name = current_database() AND schema_name = 'main'`
			)
		).getRowObjectsJS();
		const comment = (t: string) => {
			const c = tables.find((r) => r.table_name === t)?.comment;
			return typeof c === 'string' ? c : null;
		};
		const state: DatabaseState = {
			schemaMark: comment('document')?.startsWith('rapporteur schema ') ? comment('document') : null,
			tableCount: tables.length,
			entityMark: comment('entity'),
			documents: new Map(),
			rowCounts: emptyCounts()
		};
		if (state.schemaMark !== SCHEMA_MARK) return state;
		const docs = await conn.runAndReadAll('SELECT id, file_name, sha256 FROM document');
		for (const r of docs.getRowObjectsJS()) {
			state.documents.set(String(r.file_name), { id: String(r.id), sha256: String(r.sha256) });
		}
		state.rowCounts = await countRows(conn);
		return state;
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

// ---------------------------------------------------------------------------------------------
// Files around the database

/** Copies left by killed runs (`<db>.tmp-<pid>` and its `.wal`). */
function removeStaleCopies(dbPath: string): void {
	const dir = path.dirname(path.resolve(dbPath));
	const prefix = `${path.basename(dbPath)}.tmp-`;
	for (const name of fs.readdirSync(dir)) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number.parseInt(name.slice(prefix.length), 10);
		// Our own pid: we hold the lock, so such a copy is from an earlier, failed call.
		if (pid === process.pid || !pidAlive(pid)) fs.rmSync(path.join(dir, name), { force: true });
	}
}

async function realParser(entities: ReferenceEntity[]): Promise<(text: string) => ParsedDocument> {
	// Loaded on demand so that tests injecting `parse` do not need the parser or the name index.
	const [{ parseReport }, { buildNameIndex, resolveName }] = await Promise.all([
		import('../ingest/parse'),
		import('../ingest/names')
	]);
	const index = buildNameIndex(entities);
	return (text) => parseReport(text, { resolveName: (name) => resolveName(index, name) });
}

function notCalled(): never {
	throw new Error('no file to parse');
}
