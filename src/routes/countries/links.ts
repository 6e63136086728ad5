/**
 * Links of the Countries and Compare pages. Each returns a ResolvedPathname (base path applied by
 * resolve()) so that query strings and paragraph anchors can be added without losing the type the
 * link lint rule checks for.
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { filtersToParams, type Filters } from '$lib/filters';

/** `path` with a query string and/or a fragment. */
export function withQuery(
	path: ResolvedPathname,
	params?: URLSearchParams | Record<string, string>,
	hash?: string
): ResolvedPathname {
	const qs = params ? String(params instanceof URLSearchParams ? params : new URLSearchParams(params)) : '';
	return `${path}${qs ? `?${qs}` : ''}${hash ? `#${hash}` : ''}` as ResolvedPathname;
}

/** A meeting page, or one of its paragraphs (`/meetings/<id>#p-<number>`). */
export function meetingHref(id: string, paragraph?: string | null): ResolvedPathname {
	return withQuery(resolve('/meetings/[id]', { id }), undefined, paragraph ? `p-${paragraph}` : undefined);
}

/** A profile, keeping the filters (`params`), optionally at a section. */
export function profileHref(id: string, params?: URLSearchParams, section?: string): ResolvedPathname {
	return withQuery(resolve('/countries/[id]', { id }), params, section);
}

/** /compare (or its API, `path`) with these entities and other parameters. */
export function compareHref(
	ids: readonly string[],
	params?: URLSearchParams,
	path: ResolvedPathname = resolve('/compare')
): ResolvedPathname {
	const p = new URLSearchParams(params);
	p.delete('e');
	const qs = String(p);
	// Commas stay readable in the address (`e=USA,CAN,NGA`): ids never contain commas or '&'.
	return `${path}?e=${ids.map(encodeURIComponent).join(',')}${qs ? `&${qs}` : ''}` as ResolvedPathname;
}

/** The /data page, where unresolved names are reviewed. */
export function dataHref(): ResolvedPathname {
	return resolve('/data');
}

/** The filters a profile or a comparison applies (bodies, years, format; not region or category). */
export function periodParams(f: Filters): URLSearchParams {
	return filtersToParams({ ...f, region: null, category: null });
}

/** A copy of `params` with some values set, or removed where the change is null or ''. */
export function withParams(
	params: URLSearchParams,
	changes: Record<string, string | null | undefined>
): URLSearchParams {
	const p = new URLSearchParams(params);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === undefined || value === '') p.delete(key);
		else p.set(key, value);
	}
	return p;
}
