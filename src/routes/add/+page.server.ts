/**
 * Add a report: upload (nothing written but a staged copy of the file), preview, then confirm (the
 * file goes into the corpus and the database through `npm run ingest`'s script, in a child process)
 * or cancel (the staged copy is deleted). Plain form actions, so it works without JavaScript; SvelteKit's origin check applies.
 * When RAPPORTEUR_WRITE_TOKEN is set, every action needs it in the `token` field (src/hooks.server.ts
 * checks all writes; confirm checks again here, as it is the one that changes the database).
 */
import { dev } from '$app/environment';
import { fail } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import {
	AddError,
	cancelStaged,
	confirmStaged,
	MAX_UPLOAD_BYTES,
	previewStaged,
	stageUpload,
	uploadLimit
} from '$lib/server/extract/add';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	// `vite dev` has no body size limit; the built server (adapter-node) has BODY_SIZE_LIMIT.
	const maxBytes = dev ? MAX_UPLOAD_BYTES : uploadLimit();
	return {
		tokenRequired: !!process.env.RAPPORTEUR_WRITE_TOKEN,
		maxBytes,
		// Below the app's own limit only because of the server setting: say so, for whoever runs it.
		limitedByServer: maxBytes < MAX_UPLOAD_BYTES
	};
};

function field(data: FormData, name: string): string {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
}

function tokenOk(given: string): boolean {
	const expected = process.env.RAPPORTEUR_WRITE_TOKEN;
	if (!expected) return true;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

function failure(err: unknown, step: 'upload' | 'confirm' | 'cancel', extra: Record<string, unknown> = {}) {
	if (err instanceof AddError) return fail(err.status, { step, error: err.message, ...extra });
	throw err;
}

export const actions: Actions = {
	upload: async ({ request }) => {
		let data: FormData;
		try {
			data = await request.formData();
		} catch {
			return fail(400, { step: 'upload' as const, error: 'The upload could not be read: try again.' });
		}
		const file = data.get('file');
		if (!(file instanceof File) || file.name === '') {
			return fail(400, { step: 'upload' as const, error: 'Choose a file to upload.' });
		}
		try {
			const staged = await stageUpload(file.name, new Uint8Array(await file.arrayBuffer()));
			return { step: 'preview' as const, staged, token: field(data, 'token') };
		} catch (err) {
			return failure(err, 'upload');
		}
	},

	confirm: async ({ request }) => {
		const data = await request.formData();
		const id = field(data, 'id');
		// On failure the preview is shown again (the staged file is still there), with the reason.
		if (!tokenOk(field(data, 'token'))) {
			return fail(403, {
				step: 'confirm' as const,
				error: 'A valid write token is required.',
				staged: await previewStaged(id)
			});
		}
		try {
			return { step: 'added' as const, added: await confirmStaged(id) };
		} catch (err) {
			return failure(err, 'confirm', { staged: await previewStaged(id) });
		}
	},

	cancel: async ({ request }) => {
		const data = await request.formData();
		try {
			cancelStaged(field(data, 'id'));
			return { step: 'cancelled' as const };
		} catch (err) {
			return failure(err, 'cancel');
		}
	}
};
