/**
 * The filters every page and API endpoint reads from the URL, validated in one place: a value the
 * data does not know is a 400 with a message that says which values are allowed, never a 500 and
 * never a string that reaches SQL (queries bind the validated values as parameters).
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';

export const REGIONAL_GROUPS = [
	'African',
	'Asia-Pacific',
	'Eastern European',
	'Latin American and Caribbean',
	'Western European and other'
] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];

/** Short, URL-friendly names of the regional groups (`?region=weog`). */
export const REGION_SLUGS: Record<string, RegionalGroup> = {
	african: 'African',
	'asia-pacific': 'Asia-Pacific',
	'eastern-european': 'Eastern European',
	grulac: 'Latin American and Caribbean',
	weog: 'Western European and other'
};

export const CATEGORIES = [
	'state_party',
	'reio',
	'signatory',
	'non_member_observer_state',
	'un_entity',
	'igo',
	'ngo',
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
	state_party: 'States parties',
	reio: 'Regional economic integration organization',
	signatory: 'Signatory States',
	non_member_observer_state: 'Non-member observer States',
	un_entity: 'UN entities',
	igo: 'Intergovernmental organizations',
	ngo: 'Non-governmental organizations',
	other: 'Other'
};

export const FORMATS = ['in person', 'hybrid', 'remote'] as const;
/** `?mode=in-person` or `?mode=online` (hybrid and remote together). */
export const MODES = ['in-person', 'online'] as const;

export interface Filters {
	/** Body codes (WG.2, WG.3); empty = all. */
	bodies: string[];
	from: number | null;
	to: number | null;
	region: RegionalGroup | null;
	category: Category | null;
	mode: (typeof MODES)[number] | null;
}

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
		if (!knownBodies.includes(b)) fail('body', `"${clip(b)}" is not a body in the database (known: ${knownBodies.join(', ')})`);
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
		region = REGION_SLUGS[regionRaw] ?? (REGIONAL_GROUPS as readonly string[]).find((g) => g === regionRaw) as RegionalGroup | undefined ?? null;
		if (!region) fail('region', `"${clip(regionRaw)}" is not a UN regional group (use ${Object.keys(REGION_SLUGS).join(', ')})`);
	}
	const categoryRaw = p.get('category');
	let category: Category | null = null;
	if (categoryRaw) {
		if (!(CATEGORIES as readonly string[]).includes(categoryRaw)) fail('category', `"${clip(categoryRaw)}" is not one of ${CATEGORIES.join(', ')}`);
		category = categoryRaw as Category;
	}
	const modeRaw = p.get('mode');
	let mode: Filters['mode'] = null;
	if (modeRaw) {
		if (!(MODES as readonly string[]).includes(modeRaw)) fail('mode', `"${clip(modeRaw)}" is not one of ${MODES.join(', ')}`);
		mode = modeRaw as Filters['mode'];
	}
	return { bodies, from, to, region, category, mode };
}

/** Echo at most a short, printable part of a bad value in a message. */
function clip(value: string): string {
	const printable = value.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?');
	return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/** The filters as URL parameters (for links that keep the current view). */
export function filtersToParams(f: Filters): URLSearchParams {
	const p = new URLSearchParams();
	if (f.bodies.length) p.set('body', f.bodies.join(','));
	if (f.from !== null) p.set('from', String(f.from));
	if (f.to !== null) p.set('to', String(f.to));
	if (f.region) p.set('region', Object.entries(REGION_SLUGS).find(([, g]) => g === f.region)?.[0] ?? f.region);
	if (f.category) p.set('category', f.category);
	if (f.mode) p.set('mode', f.mode);
	return p;
}

/** The filters as label → value, for captions and export provenance. */
export function describeFilters(f: Filters): Record<string, string> {
	const out: Record<string, string> = {};
	out['Bodies'] = f.bodies.length ? f.bodies.join(', ') : 'all';
	out['Years'] = f.from === null && f.to === null ? 'all' : `${f.from ?? '…'}–${f.to ?? '…'}`;
	if (f.region) out['Regional group'] = f.region;
	if (f.category) out['Category'] = CATEGORY_LABELS[f.category];
	if (f.mode) out['Format'] = f.mode === 'online' ? 'hybrid or remote' : 'in person';
	return out;
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
