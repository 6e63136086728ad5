/**
 * The filters every page and API endpoint reads from the URL, validated in one place: a value the
 * data does not know is a 400 with a message that says which values are allowed, never a 500 and
 * never a string that reaches SQL (queries bind the validated values as parameters).
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import {
	CATEGORIES,
	MODES,
	REGION_SLUGS,
	REGIONAL_GROUPS,
	type Category,
	type Filters,
	type RegionalGroup
} from '$lib/filters';

export * from '$lib/filters';

const year = z.coerce
	.number({ error: 'must be a year such as 2017' })
	.int('must be a whole year')
	.min(1990, 'must be 1990 or later')
	.max(2100, 'must be 2100 or earlier');

function list(value: string | null): string[] {
	return (value ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

function fail(param: string, message: string): never {
	error(400, `Invalid value for "${param}": ${message}`);
}

/**
 * Read the filters of a request. `knownBodies` is the list of body codes in the database (a body
 * that is not there is an error, not an empty chart).
 */
export function readFilters(url: URL, knownBodies: readonly string[]): Filters {
	const p = url.searchParams;
	const bodies = list(p.get('body'));
	for (const b of bodies) {
		if (!knownBodies.includes(b))
			fail('body', `"${clip(b)}" is not a body in the database (known: ${knownBodies.join(', ')})`);
	}
	const parseYear = (name: string): number | null => {
		const raw = p.get(name);
		if (raw === null || raw === '') return null;
		const r = year.safeParse(raw);
		if (!r.success) fail(name, `"${clip(raw)}" ${r.error.issues[0]?.message ?? 'is not a year'}`);
		return r.data;
	};
	const from = parseYear('from');
	const to = parseYear('to');
	if (from !== null && to !== null && from > to) fail('from', `${from} is after "to" (${to})`);

	const regionRaw = p.get('region');
	let region: RegionalGroup | null = null;
	if (regionRaw) {
		region =
			REGION_SLUGS[regionRaw] ??
			((REGIONAL_GROUPS as readonly string[]).find((g) => g === regionRaw) as RegionalGroup | undefined) ??
			null;
		if (!region)
			fail(
				'region',
				`"${clip(regionRaw)}" is not a UN regional group (use ${Object.keys(REGION_SLUGS).join(', ')})`
			);
	}
	const categoryRaw = p.get('category');
	let category: Category | null = null;
	if (categoryRaw) {
		if (!(CATEGORIES as readonly string[]).includes(categoryRaw))
			fail('category', `"${clip(categoryRaw)}" is not one of ${CATEGORIES.join(', ')}`);
		category = categoryRaw as Category;
	}
	const modeRaw = p.get('mode');
	let mode: Filters['mode'] = null;
	if (modeRaw) {
		if (!(MODES as readonly string[]).includes(modeRaw))
			fail('mode', `"${clip(modeRaw)}" is not one of ${MODES.join(', ')}`);
		mode = modeRaw as Filters['mode'];
	}
	return { bodies, from, to, region, category, mode };
}

/**
 * Echo at most a short part of a bad value in a message, letters, digits and plain punctuation only:
 * the message goes into HTML pages and JSON answers, and must never carry markup or control bytes.
 */
function clip(value: string): string {
	const plain = value.replace(/[^\p{L}\p{N} .,_()-]/gu, '?');
	return plain.length > 40 ? `${plain.slice(0, 40)}…` : plain;
}

/**
 * The filters as named SQL parameters for MEETING_FILTER_SQL: the values are always bound, never
 * spliced into the SQL text. Bodies travel as one comma-joined string (codes are validated and
 * hold no commas) because an empty list parameter has no type DuckDB can bind.
 */
export function filterParams(f: Filters) {
	return {
		bodies: f.bodies.join(','),
		from: f.from,
		to: f.to,
		region: f.region,
		category: f.category,
		online: f.mode === null ? null : f.mode === 'online'
	};
}

/** The meeting filter as SQL over a `meeting` aliased `m` (constant text, no values). */
export const MEETING_FILTER_SQL = `($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), m.body_code))
	AND ($from::INTEGER IS NULL OR m.year >= $from::INTEGER)
	AND ($to::INTEGER IS NULL OR m.year <= $to::INTEGER)
	AND ($online::BOOLEAN IS NULL OR (m.format <> 'in person') = $online::BOOLEAN)`;
