/**
 * `@duckdb/node-api` for the ingest and the derivation, loaded with require().
 *
 * The package is CommonJS of some fifty files. Imported from an ES module under tsx (`npm run ingest`,
 * `npm run derive`), each of them went through tsx's module hooks on their own thread and through Node's
 * export detection for CommonJS: 200–300 ms of the ingest's start-up here, against 60–100 ms for require().
 * Types still come from a type-only import, which leaves no code behind.
 */
import { createRequire } from 'node:module';

export const duckdb: typeof import('@duckdb/node-api') = createRequire(import.meta.url)('@duckdb/node-api');
