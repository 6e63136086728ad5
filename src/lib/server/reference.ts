/**
 * The I/O edge of the reference table: src/lib/ingest/names.ts stays pure, and this reads the file.
 * Imported relatively (not through $lib) so that scripts run by tsx can use it too.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildNameIndex, parseEntitiesCsv, type NameIndex, type ReferenceEntity } from '../ingest/names';

// The table changes only by a commit, so one read per process is enough.
const entityCache = new Map<string, ReferenceEntity[]>();
const indexCache = new Map<string, NameIndex>();

/** Read `entities.csv` from `dir` (relative to the working directory), once per process. */
export function loadReferenceEntities(dir = 'data/reference'): ReferenceEntity[] {
	const key = resolve(dir);
	const cached = entityCache.get(key);
	if (cached) return cached;
	const entities = parseEntitiesCsv(readFileSync(join(key, 'entities.csv'), 'utf8'));
	entityCache.set(key, entities);
	return entities;
}

/** The name index over `loadReferenceEntities(dir)`, built once per process. */
export function loadNameIndex(dir = 'data/reference'): NameIndex {
	const key = resolve(dir);
	const cached = indexCache.get(key);
	if (cached) return cached;
	const index = buildNameIndex(loadReferenceEntities(dir));
	indexCache.set(key, index);
	return index;
}
