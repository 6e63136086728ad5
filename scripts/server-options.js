/**
 * How the web server's Node process is started, shared by `npm start`, `npm run bench`, `npm run load` and the
 * browser tests, so that what is measured and tested is what runs.
 *
 * The JavaScript heap is capped (RAPPORTEUR_HEAP_MB, default 192): without a cap V8 lets the heap grow long before
 * it collects, and under 50 concurrent connections the server reached 744 MB of resident memory at 100x the
 * corpus, nearly all of it garbage (with the cap: 300 MB, no failed request). Every answer the app builds is
 * bounded (lists are paged, exports streamed, page data memoized with a size limit), which is what makes a cap
 * safe; raise it if a deployment serves a much larger corpus.
 *
 * Plain Node ESM with no dependency, like start.js.
 */

/**
 * Node's command-line options for `node <options> build`.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function serverNodeOptions(env = process.env) {
	const mb = Number(env.RAPPORTEUR_HEAP_MB || 192);
	if (!Number.isInteger(mb) || mb < 64)
		throw new Error(`RAPPORTEUR_HEAP_MB must be an integer of at least 64, not "${env.RAPPORTEUR_HEAP_MB}"`);
	return [`--max-old-space-size=${mb}`];
}
