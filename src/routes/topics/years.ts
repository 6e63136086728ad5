/**
 * How many years the topic share charts draw before "Show all", shared by /topics and /topics/[id]: the reports
 * span 2013–2023, and at 1,000× the corpus spans four decades, whose panels, lines and data tables made a large
 * part of each page's HTML.
 */
import { error } from '@sveltejs/kit';

export const MAX_YEARS = 12;

/** `all=years` draws every year in view; any other value is a 400. */
export function readAllYears(url: URL): boolean {
	const raw = url.searchParams.get('all');
	if (raw === null || raw === '') return false;
	if (raw === 'years') return true;
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	error(400, `Invalid value for "all": "${shown.replace(/[^\x20-\x7e]/g, '?')}" is not one of years`);
}

/** The first of the latest `MAX_YEARS` years, or null when every year is drawn. */
export function firstDrawnYear(years: number[], all: boolean): number | null {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	return !all && sorted.length > MAX_YEARS ? (sorted[sorted.length - MAX_YEARS] ?? null) : null;
}
