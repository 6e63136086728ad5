/**
 * Adding one report from the browser, in two steps: `stageUpload` reads and parses an uploaded file
 * and keeps its bytes in a staging directory, writing nothing else; `confirmStaged` copies the file
 * into the corpus and ingests it with `npm run ingest`'s script in a child process (the same atomic path);
 * `cancelStaged` deletes it. The staged file is named by an opaque random id, validated on every
 * use, so a form can only point at a file this server staged.
 *
 * Environment:
 *   RAPPORTEUR_STAGING_DIR  uploads awaiting confirmation (default: `staging/` next to the database,
 *                           i.e. data/staging for data/rapporteur.duckdb; git-ignored)
 *   RAPPORTEUR_CORPUS_DIR   where a confirmed file is copied, so that a rebuild keeps it (default:
 *                           `corpus/` next to the database, i.e. data/corpus)
 *   RAPPORTEUR_INGEST_HEAP_MB the JS heap cap of the ingest's child process (default: Node's own)
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { resolveName } from '../../ingest/names';
import { parseReport } from '../../ingest/parse';
import { ParseError, type AttendanceCategory, type ParsedDocument } from '../../ingest/types';
import { dbPath } from '../db';
import { documentId } from '../ingest';
import { ingestInChildProcess } from '../ingest-process';
import { loadNameIndex } from '../reference';
import { detectKind, extractText } from './index';

/** Largest upload accepted: reports are a few hundred kB; 10 MB leaves room for embedded fonts and images. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * The largest file the production server lets through: adapter-node refuses request bodies over
 * BODY_SIZE_LIMIT (512 kB unless set) before any action runs, so the page announces and checks the
 * smaller of that and MAX_UPLOAD_BYTES, less room for the multipart framing.
 */
export function uploadLimit(env: NodeJS.ProcessEnv = process.env): number {
	const raw = (env.BODY_SIZE_LIMIT ?? '').trim() || '512K';
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[raw.slice(-1).toUpperCase()];
	const bytes = Number(unit ? raw.slice(0, -1) : raw) * (unit ?? 1);
	if (!Number.isFinite(bytes) && bytes !== Infinity) return MAX_UPLOAD_BYTES;
	return Math.max(0, Math.min(MAX_UPLOAD_BYTES, bytes - 16 * 1024));
}

/** Staged files nobody confirmed or cancelled are removed after this long. */
const STAGING_TTL_MS = 24 * 60 * 60 * 1000;
const ID = /^[0-9a-f]{32}$/;
/** Characters of the extracted text sent back for the preview (a report has far fewer). */
const MAX_PREVIEW_TEXT = 400_000;

export class AddError extends Error {
	constructor(
		message: string,
		readonly status = 400
	) {
		super(message);
		this.name = 'AddError';
	}
}

function dirFromEnv(name: string, fallback: string): string {
	const v = process.env[name];
	return v === undefined || v === '' ? fallback : v;
}

export function stagingDir(db = dbPath()): string {
	return dirFromEnv('RAPPORTEUR_STAGING_DIR', path.join(path.dirname(db), 'staging'));
}

export function corpusDir(db = dbPath()): string {
	return dirFromEnv('RAPPORTEUR_CORPUS_DIR', path.join(path.dirname(db), 'corpus'));
}

const EXTENSION: Record<'pdf' | 'docx', string> = { pdf: '.pdf', docx: '.docx' };

/**
 * A safe file name from the uploaded one: base name only, letters, digits, dot, dash and underscore,
 * ending in the extension of what the bytes are. It becomes the document id, so it is kept short.
 */
export function safeFileName(original: string, kind: 'pdf' | 'docx' | 'text'): string {
	const base = path.basename(original.replace(/\\/g, '/'));
	let stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
	const ext = kind === 'text' ? (/\.md$/i.test(base) ? '.md' : '.txt') : EXTENSION[kind];
	stem = stem
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\w.-]+/g, '-')
		.replace(/^[.-]+|[.-]+$/g, '')
		.slice(0, 80);
	return `${stem || 'report'}${ext}`;
}

/** What the upload form shows next to the source text. */
export interface Preview {
	kind: ParsedDocument['kind'];
	symbol: string | null;
	title: string | null;
	distributionDate: string | null;
	meetings: {
		body: string;
		bodyName: string;
		startDate: string | null;
		endDate: string | null;
		venue: string | null;
		format: string | null;
		chairs: { name: string; country: string | null; role: string }[];
	}[];
	agenda: { body: string; number: string; title: string }[];
	attendance: { category: AttendanceCategory; names: string[] }[];
	statements: { body: string; item: string | null; speakers: string[] }[];
	recommendations: { body: string; label: string; text: string }[];
	documents: string[];
	warnings: string[];
}

export interface Staged {
	id: string;
	fileName: string;
	bytes: number;
	kind: 'pdf' | 'docx' | 'text';
	preview: Preview;
	text: string;
	textTruncated: boolean;
	extractMs: number;
}

const CATEGORY_ORDER: AttendanceCategory[] = [
	'state_party',
	'signatory',
	'reio',
	'non_member_observer_state',
	'un_entity',
	'igo',
	'ngo',
	'other'
];

export function toPreview(p: ParsedDocument): Preview {
	const attendance = new Map<AttendanceCategory, string[]>();
	for (const a of p.attendance) {
		const names = attendance.get(a.category) ?? [];
		// A joint report lists its attendance once per body: show each name once.
		if (!names.includes(a.entity)) names.push(a.entity);
		attendance.set(a.category, names);
	}
	const statements = new Map<string, { body: string; item: string | null; speakers: string[] }>();
	for (const s of p.statements) {
		const key = `${s.body}\u0000${s.item ?? ''}`;
		const group = statements.get(key) ?? { body: s.body, item: s.item, speakers: [] };
		group.speakers.push(s.onBehalfOf ? `${s.speaker} (on behalf of ${s.onBehalfOf})` : s.speaker);
		statements.set(key, group);
	}
	return {
		kind: p.kind,
		symbol: p.symbol,
		title: p.title,
		distributionDate: p.distributionDate,
		meetings: p.meetings.map((m) => ({
			body: m.body.code,
			bodyName: m.body.name,
			startDate: m.startDate,
			endDate: m.endDate,
			venue: m.venue,
			format: m.format,
			chairs: p.chairs
				.filter((c) => c.body === m.body.code)
				.map((c) => ({ name: c.name, country: c.country, role: c.role }))
		})),
		agenda: p.agenda.map((a) => ({ body: a.body, number: a.number, title: a.title })),
		attendance: CATEGORY_ORDER.filter((c) => attendance.has(c)).map((c) => ({
			category: c,
			names: attendance.get(c)!
		})),
		statements: [...statements.values()],
		recommendations: p.recommendations.map((r) => ({ body: r.body, label: r.label, text: r.text })),
		documents: [...new Set(p.documentsBefore.map((d) => d.symbol))],
		warnings: [...p.warnings]
	};
}

function parse(text: string): ParsedDocument {
	const index = loadNameIndex();
	return parseReport(text, { resolveName: (name) => resolveName(index, name) });
}

/** Remove staged uploads older than a day (forms left open, closed tabs). */
function sweepStaging(dir: string): void {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(dir, { withFileTypes: true });
	} catch {
		return;
	}
	const now = Date.now();
	for (const e of entries) {
		if (!e.isDirectory() || !ID.test(e.name)) continue;
		const p = path.join(dir, e.name);
		try {
			if (now - fs.statSync(p).mtimeMs > STAGING_TTL_MS) fs.rmSync(p, { recursive: true, force: true });
		} catch {
			// Removed meanwhile by a cancel or confirm: nothing to do.
		}
	}
}

/** Read, check and parse an upload, then keep its bytes under a new staging id. Writes nothing else. */
export async function stageUpload(originalName: string, bytes: Uint8Array): Promise<Staged> {
	if (bytes.length === 0) throw new AddError('The file is empty.');
	if (bytes.length > MAX_UPLOAD_BYTES) {
		throw new AddError(
			`The file is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).`,
			413
		);
	}
	if (!/\.(pdf|docx|txt|md)$/i.test(originalName)) {
		throw new AddError('Only .pdf, .docx, .txt and .md files can be added.', 415);
	}
	const detected = detectKind(bytes);
	if (detected === 'zip' || detected === 'ole') {
		throw new AddError(
			detected === 'ole'
				? 'This is an old Word file (.doc): save it as .docx or PDF first.'
				: 'This is a ZIP archive, not a Word document.',
			415
		);
	}
	// The name says what the user thinks it is; the bytes say what it is. A mismatch is refused.
	if (/\.pdf$/i.test(originalName) && detected !== 'pdf') {
		throw new AddError(
			'The file is named .pdf but is not a PDF (its content does not start with %PDF).',
			415
		);
	}
	if (/\.docx$/i.test(originalName) && detected !== 'docx') {
		throw new AddError('The file is named .docx but is not a Word document.', 415);
	}
	const started = performance.now();
	let text: string;
	let parsed: ParsedDocument;
	try {
		text = await extractText(originalName, bytes);
		parsed = parse(text);
	} catch (err) {
		if (err instanceof ParseError)
			throw new AddError(`The file cannot be read as a report: ${err.message}.`, 422);
		throw err;
	}
	const extractMs = performance.now() - started;
	const fileName = safeFileName(originalName, detected);
	const dir = stagingDir();
	fs.mkdirSync(dir, { recursive: true });
	sweepStaging(dir);
	const id = randomBytes(16).toString('hex');
	fs.mkdirSync(path.join(dir, id));
	fs.writeFileSync(path.join(dir, id, fileName), bytes);
	return {
		id,
		fileName,
		bytes: bytes.length,
		kind: detected,
		preview: toPreview(parsed),
		text: text.slice(0, MAX_PREVIEW_TEXT),
		textTruncated: text.length > MAX_PREVIEW_TEXT,
		extractMs
	};
}

/** The preview of a file already staged (shown again when a confirmation fails, e.g. a wrong token). */
export async function previewStaged(id: string): Promise<Staged | null> {
	let staged;
	try {
		staged = stagedFile(id);
	} catch {
		return null;
	}
	const bytes = new Uint8Array(fs.readFileSync(staged.file));
	const started = performance.now();
	try {
		const text = await extractText(staged.fileName, bytes);
		const kind = detectKind(bytes);
		return {
			id,
			fileName: staged.fileName,
			bytes: bytes.length,
			kind: kind === 'pdf' || kind === 'docx' ? kind : 'text',
			preview: toPreview(parse(text)),
			text: text.slice(0, MAX_PREVIEW_TEXT),
			textTruncated: text.length > MAX_PREVIEW_TEXT,
			extractMs: performance.now() - started
		};
	} catch {
		return null;
	}
}

/** The staged file of an id from a form, or an error that says it is gone. */
function stagedFile(id: string): { dir: string; file: string; fileName: string } {
	if (!ID.test(id)) throw new AddError('Unknown upload: start again.', 400);
	const dir = path.join(stagingDir(), id);
	let names: string[];
	try {
		names = fs.readdirSync(dir);
	} catch {
		throw new AddError(
			'This upload is no longer waiting (confirmed, cancelled or expired): start again.',
			410
		);
	}
	const fileName = names.find((n) => /\.(pdf|docx|txt|md)$/i.test(n));
	if (!fileName) throw new AddError('This upload is no longer waiting: start again.', 410);
	return { dir, file: path.join(dir, fileName), fileName };
}

export interface Added {
	documentId: string;
	fileName: string;
	meetings: { id: string; body: string; startDate: string | null }[];
	status: 'added' | 'replaced' | 'unchanged';
}

/**
 * Copy the staged file into the corpus and ingest it into the app's database, atomically (a new
 * database file renamed over the old one, which the running app then reopens). A file name that the
 * corpus already holds with other content is refused rather than replaced.
 */
export async function confirmStaged(id: string): Promise<Added> {
	const staged = stagedFile(id);
	const bytes = fs.readFileSync(staged.file);
	const db = dbPath();
	const corpus = corpusDir(db);
	const target = path.join(corpus, staged.fileName);
	const docId = documentId(staged.fileName);
	const sameId = fs.existsSync(corpus)
		? fs.readdirSync(corpus).find((n) => documentId(n) === docId && n !== staged.fileName)
		: undefined;
	if (sameId)
		throw new AddError(`The corpus already has a document "${docId}" (${sameId}): rename the file.`, 409);
	let copied = false;
	if (fs.existsSync(target)) {
		if (!Buffer.from(bytes).equals(fs.readFileSync(target))) {
			throw new AddError(`The corpus already has a different ${staged.fileName}: rename the file.`, 409);
		}
	} else {
		fs.mkdirSync(corpus, { recursive: true });
		const tmp = `${target}.tmp-${process.pid}`;
		fs.writeFileSync(tmp, bytes);
		fs.renameSync(tmp, target);
		copied = true;
	}
	let summary;
	try {
		// In a child process: the derivation that ends an ingest needs more memory than the server may take.
		summary = await ingestInChildProcess(db, [target], { heapMb: ingestHeapMb() });
	} catch (err) {
		if (copied) fs.rmSync(target, { force: true });
		const message = err instanceof Error ? err.message : String(err);
		throw new AddError(
			`The database was not changed: ${message}`,
			/another ingest/.test(message) ? 409 : 500
		);
	}
	const failed = summary.failed[0];
	if (failed) {
		if (copied) fs.rmSync(target, { force: true });
		throw new AddError(`The database was not changed: ${failed.reason}`, 422);
	}
	fs.rmSync(staged.dir, { recursive: true, force: true });
	const status = summary.added.length > 0 ? 'added' : summary.replaced.length > 0 ? 'replaced' : 'unchanged';
	return { documentId: docId, fileName: staged.fileName, meetings: await meetingsOf(db, docId), status };
}

/** RAPPORTEUR_INGEST_HEAP_MB, the heap cap of the ingest's child process (unset: Node's default). */
function ingestHeapMb(env = process.env): number | undefined {
	const value = env.RAPPORTEUR_INGEST_HEAP_MB;
	if (!value) return undefined;
	const mb = Number(value);
	if (!Number.isInteger(mb) || mb < 64)
		throw new AddError(`RAPPORTEUR_INGEST_HEAP_MB must be an integer of at least 64, not "${value}".`, 500);
	return mb;
}

/** The new document's meetings, read from the new database file (the app's instance may still hold the old one). */
async function meetingsOf(db: string, docId: string): Promise<Added['meetings']> {
	const instance = await DuckDBInstance.create(db, {
		access_mode: 'READ_ONLY',
		threads: '1',
		autoinstall_known_extensions: 'false'
	});
	try {
		const conn = await instance.connect();
		try {
			const reader = await conn.runAndReadAll(
				'SELECT id, body_code, CAST(start_date AS VARCHAR) AS start_date FROM meeting WHERE document_id = $doc ORDER BY body_code',
				{ doc: docId }
			);
			return reader.getRowObjectsJS().map((r) => ({
				id: String(r.id),
				body: String(r.body_code),
				startDate: r.start_date === null ? null : String(r.start_date)
			}));
		} finally {
			conn.closeSync();
		}
	} finally {
		instance.closeSync();
	}
}

/** Delete a staged upload; an id already gone is not an error. */
export function cancelStaged(id: string): void {
	if (!ID.test(id)) throw new AddError('Unknown upload.', 400);
	fs.rmSync(path.join(stagingDir(), id), { recursive: true, force: true });
}
