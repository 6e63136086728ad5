/**
 * The filters of the dashboard, shared by server (validation, SQL parameters) and pages (the filter
 * bar, links that keep the current view). Validation lives in $lib/server/filters.ts.
 */

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

/** The filters as URL parameters (for links that keep the current view). */
export function filtersToParams(f: Filters): URLSearchParams {
	const p = new URLSearchParams();
	if (f.bodies.length) p.set('body', f.bodies.join(','));
	if (f.from !== null) p.set('from', String(f.from));
	if (f.to !== null) p.set('to', String(f.to));
	if (f.region)
		p.set('region', Object.entries(REGION_SLUGS).find(([, g]) => g === f.region)?.[0] ?? f.region);
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
