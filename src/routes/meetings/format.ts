/** Display helpers shared by the meeting pages (dates as UN reports print them, format names). */
import { formatDate } from '$lib/citation';

const MONTH_YEAR = / (\S+ \d{4})$/;

/**
 * `28 to 30 October 2013`, `9 and 10 July 2020`, `30 June to 2 July 2019`: the span a report's title
 * gives, from ISO dates. A missing date gives what is known, or `date not stated`.
 */
export function dateRange(start: string | null, end: string | null): string {
	if (!start && !end) return 'date not stated';
	if (!start || !end || start === end) return formatDate((start ?? end) as string);
	const a = formatDate(start);
	const b = formatDate(end);
	const sameMonth = start.slice(0, 7) === end.slice(0, 7);
	const sameYear = start.slice(0, 4) === end.slice(0, 4);
	const next = Number(end.slice(8)) - Number(start.slice(8)) === 1;
	if (sameMonth) return `${a.split(' ')[0]} ${next ? 'and' : 'to'} ${b}`;
	if (sameYear) return `${a.replace(MONTH_YEAR, ` ${a.split(' ')[1]}`)} to ${b}`;
	return `${a} to ${b}`;
}

/** Short form for tables: `28–30 Oct 2013`. */
export function shortDateRange(start: string | null, end: string | null): string {
	return dateRange(start, end)
		.replace(/ (to|and) /, '–')
		.replace(
			/(January|February|March|April|May|June|July|August|September|October|November|December)/g,
			(m) => m.slice(0, 3)
		);
}

export const FORMAT_LABELS: Record<string, string> = {
	'in person': 'In person',
	hybrid: 'Hybrid',
	remote: 'Remote'
};

export const KIND_LABELS: Record<string, string> = {
	report: 'Report',
	provisional_agenda: 'Provisional agenda',
	unknown: 'Unknown kind'
};
