/**
 * Every request passes here: security headers, the write guard for form actions and POST
 * endpoints, a Server-Timing header (the benchmark reads it), and errors that never show a stack.
 *
 * Environment:
 *   RAPPORTEUR_WRITE_TOKEN  when set, every write (form action, POST) must carry it, in the form
 *                           field `token` or the header `x-rapporteur-token`.
 *   HOST                    adapter-node's listen address. On any address other than loopback, writes
 *                           are refused unless RAPPORTEUR_WRITE_TOKEN is set.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { timingDb, type DbTime } from '$lib/server/db';

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'cross-origin-opener-policy': 'same-origin'
};

/** Requests that change nothing although they are POSTs (rendering an exported figure to PNG). */
const READ_ONLY_POSTS = ['/api/export/png'];

function isLoopback(host: string | undefined): boolean {
	return !host || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function sameToken(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a write must be refused, or null when it may go ahead. */
export async function writeRefusal(
	request: Request,
	env: NodeJS.ProcessEnv = process.env
): Promise<string | null> {
	const expected = env.RAPPORTEUR_WRITE_TOKEN;
	if (!expected) {
		return isLoopback(env.HOST)
			? null
			: 'Writes are disabled: this server listens beyond localhost and RAPPORTEUR_WRITE_TOKEN is not set.';
	}
	let given = request.headers.get('x-rapporteur-token') ?? '';
	const type = request.headers.get('content-type') ?? '';
	if (!given && (type.includes('form-data') || type.includes('x-www-form-urlencoded'))) {
		try {
			const value = (await request.clone().formData()).get('token');
			given = typeof value === 'string' ? value : '';
		} catch {
			given = '';
		}
	}
	return given && sameToken(given, expected) ? null : 'A valid write token is required (field "token").';
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const method = event.request.method;
	if (method !== 'GET' && method !== 'HEAD' && !READ_ONLY_POSTS.includes(event.url.pathname)) {
		const refusal = await writeRefusal(event.request);
		if (refusal) {
			return new Response(refusal, {
				status: 403,
				headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }
			});
		}
	}
	const db: DbTime = { ms: 0, queries: 0 };
	const response = await timingDb(db, () => resolve(event));
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	try {
		// `db`: the part of `app` spent in DuckDB (summed over the queries), so the rest is the app's own.
		response.headers.set(
			'server-timing',
			`app;dur=${(performance.now() - started).toFixed(1)}, db;dur=${db.ms.toFixed(1)}`
		);
	} catch {
		// Some responses (e.g. fetched ones passed through) have immutable headers.
	}
	return response;
};

/**
 * An unexpected error is logged with its stack on the server and shown to the reader as one
 * sentence; expected errors (400, 404) keep their own messages and never reach here.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const id = Math.random().toString(36).slice(2, 10);
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}: ${status} ${message}`, error);
	const missingDb = error instanceof Error && /database .* not found/.test(error.message);
	return {
		message: missingDb
			? 'The database has not been built yet: run `npm run ingest`.'
			: `Something went wrong on the server (reference ${id}). The error has been logged.`
	};
};
