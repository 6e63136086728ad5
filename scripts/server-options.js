/**
 * How the web server's Node process is started, shared by `npm start`, `npm run bench`, `npm run load` and the
 * browser tests, so that what is measured and tested is what runs.
 *
 * The JavaScript heap is capped (RAPPORTEUR_HEAP_MB, default 128): without a cap V8 lets the heap grow long
 * before it collects, and under 50 concurrent connections the server reached 744 MB of resident memory at 100x
 * the corpus, nearly all of it garbage (with a 192 MB cap: 300 MB, no failed request). Over every page and API at
 * 1,000x the heap peaks at about 60 MB with the young generation below, so 128 leaves twice that for concurrent
 * requests. Every answer the app builds is bounded (lists are paged, exports streamed, page data memoized with a
 * size limit), which is what makes a cap safe; raise it if a deployment serves a much larger corpus.
 *
 * The young generation is kept small (--max-semi-space-size, RAPPORTEUR_SEMI_SPACE_MB, default 4, in MB; Node
 * 20's default is 16, and V8 keeps up to three semi-spaces): the server's garbage is short-lived (rows converted
 * and pages rendered per request). Over every page and API once at 1,000x (DuckDB at 80MB), the heap peaked at
 * 70 MB with 8 and 61 MB with 4, the server at 297 and 277 MB of RSS (with 16 and DuckDB at 64MB: 87 MB, 300 MB).
 * The price is more frequent scavenges: fewer requests per second under `npm run load`.
 *
 * glibc's allocator gets at most two arenas (MALLOC_ARENA_MAX, serverEnvironment): by default it makes one per
 * thread that allocates, up to 8 per core, and each keeps what it freed. DuckDB's worker threads, libuv's and
 * V8's all allocate, so the freed memory of a query stayed resident in a dozen arenas. Over every page and API
 * at 1,000x (two runs each, same code and requests), the peak RSS was 299 and 288 MB without the setting, 281
 * and 274 MB with it; a lower mmap or trim threshold added nothing to it (284/285 MB alone, 279/281 MB with it).
 *
 * Plain Node ESM with no dependency, like start.js.
 */

/**
 * Node's command-line options for `node <options> build`.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function serverNodeOptions(env = process.env) {
	const mb = Number(env.RAPPORTEUR_HEAP_MB || 128);
	if (!Number.isInteger(mb) || mb < 64)
		throw new Error(`RAPPORTEUR_HEAP_MB must be an integer of at least 64, not "${env.RAPPORTEUR_HEAP_MB}"`);
	const semi = Number(env.RAPPORTEUR_SEMI_SPACE_MB || 4);
	if (!Number.isInteger(semi) || semi < 1)
		throw new Error(
			`RAPPORTEUR_SEMI_SPACE_MB must be a positive integer, not "${env.RAPPORTEUR_SEMI_SPACE_MB}"`
		);
	return [`--max-old-space-size=${mb}`, `--max-semi-space-size=${semi}`];
}

/**
 * The environment of `node build`: `env` with the allocator's setting above, unless `env` sets its own.
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string | undefined>}
 */
export function serverEnvironment(env = process.env) {
	return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || '2' };
}
