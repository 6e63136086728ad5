/** The two-step add (stage, then confirm or cancel) against a temporary database, corpus and staging directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddError, cancelStaged, confirmStaged, safeFileName, stageUpload, uploadLimit } from './add';

describe('uploadLimit', () => {
	it('follows adapter-node BODY_SIZE_LIMIT, capped at 10 MB', () => {
		expect(uploadLimit({})).toBe(512 * 1024 - 16 * 1024);
		expect(uploadLimit({ BODY_SIZE_LIMIT: '11M' })).toBe(10 * 1024 * 1024);
		expect(uploadLimit({ BODY_SIZE_LIMIT: 'Infinity' })).toBe(10 * 1024 * 1024);
		expect(uploadLimit({ BODY_SIZE_LIMIT: '2M' })).toBe(2 * 1024 * 1024 - 16 * 1024);
	});
});

describe('safeFileName', () => {
	it('keeps a base name of safe characters with the extension of what the bytes are', () => {
		expect(safeFileName('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
		expect(safeFileName('C:\\Users\\me\\Rapport été 2024.docx', 'docx')).toBe('Rapport-ete-2024.docx');
		expect(safeFileName('report.txt', 'pdf')).toBe('report.pdf');
		expect(safeFileName('notes.md', 'text')).toBe('notes.md');
		expect(safeFileName('...', 'text')).toBe('report.txt');
	});
});

describe('stage, confirm, cancel', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-add-'));
	const saved = { ...process.env };
	const report = fs
		.readFileSync('data/corpus/2023-05-wg2-technical-assistance-report.txt', 'utf8')
		.replaceAll('2023', '2024');

	beforeAll(() => {
		process.env.RAPPORTEUR_DB = path.join(dir, 'db', 'test.duckdb');
		process.env.RAPPORTEUR_STAGING_DIR = path.join(dir, 'staging');
		process.env.RAPPORTEUR_CORPUS_DIR = path.join(dir, 'corpus');
	});
	afterAll(() => {
		process.env = saved;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('stages without writing the database, then adds the file on confirmation', async () => {
		const staged = await stageUpload('2024 report.txt', new TextEncoder().encode(report));
		expect(staged.fileName).toBe('2024-report.txt');
		expect(staged.preview.meetings[0]).toMatchObject({
			body: 'WG.2',
			startDate: '2024-05-29',
			venue: 'Vienna'
		});
		expect(fs.existsSync(process.env.RAPPORTEUR_DB!)).toBe(false);
		expect(fs.readdirSync(process.env.RAPPORTEUR_STAGING_DIR!)).toEqual([staged.id]);

		const added = await confirmStaged(staged.id);
		expect(added).toMatchObject({ documentId: '2024-report', status: 'added' });
		expect(added.meetings).toEqual([{ id: 'wg2-2024-05-29', body: 'WG.2', startDate: '2024-05-29' }]);
		expect(fs.readdirSync(process.env.RAPPORTEUR_CORPUS_DIR!)).toEqual(['2024-report.txt']);
		expect(fs.readdirSync(process.env.RAPPORTEUR_STAGING_DIR!)).toEqual([]);
		// The id is spent.
		await expect(confirmStaged(staged.id)).rejects.toThrow(/no longer waiting/);
	}, 60_000);

	it('refuses another file under a name the corpus holds, and cancels', async () => {
		const staged = await stageUpload(
			'2024 report.txt',
			new TextEncoder().encode(report.replace('Vienna', 'Vienna.'))
		);
		await expect(confirmStaged(staged.id)).rejects.toThrow(/already has a different 2024-report.txt/);
		cancelStaged(staged.id);
		expect(fs.readdirSync(process.env.RAPPORTEUR_STAGING_DIR!)).toEqual([]);
	}, 60_000);

	it('refuses empty, oversized, mistyped and unreadable files, and forged ids', async () => {
		await expect(stageUpload('a.pdf', new Uint8Array())).rejects.toThrow(/empty/);
		await expect(stageUpload('a.pdf', new Uint8Array(10 * 1024 * 1024 + 1))).rejects.toThrow(/too large/);
		await expect(stageUpload('a.exe', new Uint8Array([1]))).rejects.toThrow(/Only \.pdf/);
		await expect(stageUpload('a.pdf', new TextEncoder().encode('text'))).rejects.toThrow(/not a PDF/);
		await expect(stageUpload('a.txt', new TextEncoder().encode('Hello.'))).rejects.toThrow(AddError);
		await expect(confirmStaged('../../etc')).rejects.toThrow(/Unknown upload/);
		expect(() => cancelStaged('x')).toThrow(AddError);
	});
});
