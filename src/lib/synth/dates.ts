/**
 * Meeting dates of the synthetic corpus, written the way UN reports write them.
 *
 * Every document of a seed starts on a different weekday between 1995 and 2035 (a seeded
 * permutation of those days), so two synthetic reports never claim the same meeting of the same
 * body: the ingest would otherwise give the second one an id with a "~" suffix and a warning,
 * which real data never needs.
 */
import { mixSeed, Random } from './random';
import { MONTHS } from './vocabulary';

export const FIRST_YEAR = 1995;
export const LAST_YEAR = 2035;
const DAY_MS = 86_400_000;

const slotCache = new Map<number, number[]>();

/** Weekdays of FIRST_YEAR..LAST_YEAR as day numbers since the epoch, in a seeded order. */
function slots(seed: number): number[] {
	const cached = slotCache.get(seed);
	if (cached) return cached;
	const days: number[] = [];
	const last = Date.UTC(LAST_YEAR, 11, 31) / DAY_MS;
	for (let d = Date.UTC(FIRST_YEAR, 0, 1) / DAY_MS; d <= last; d++) {
		const weekday = new Date(d * DAY_MS).getUTCDay();
		// Meetings last two days or more, within a week, and none starts in late December (a range
		// across the new year reads oddly): Monday to Thursday only.
		const date = new Date(d * DAY_MS);
		if (weekday === 0 || weekday >= 5 || (date.getUTCMonth() === 11 && date.getUTCDate() > 18)) continue;
		days.push(d);
	}
	const shuffled = new Random(mixSeed('slots', seed)).shuffle(days);
	if (slotCache.size > 8) slotCache.clear();
	slotCache.set(seed, shuffled);
	return shuffled;
}

/** The start day of document `index` of `seed`. */
export function startDay(seed: number, index: number): Date {
	const all = slots(seed);
	return new Date(all[index % all.length]! * DAY_MS);
}

export function addDays(d: Date, n: number): Date {
	return new Date(d.getTime() + n * DAY_MS);
}

/** Monday = 0 ... Friday = 4. */
export function weekday(d: Date): number {
	return (d.getUTCDay() + 6) % 7;
}

export function isoDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/** "28 October 2013". */
export function longDate(d: Date): string {
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "28 October" (the year is clear from the context). */
export function dayMonth(d: Date): string {
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** As in a title: "on 5 June 2001", "on 9 and 10 July 2020", "from 28 to 30 October 2013", "from 30 June to 2 July 2019". */
export function titleRange(start: Date, end: Date): string {
	if (start.getTime() === end.getTime()) return `on ${longDate(start)}`;
	const sameMonth = start.getUTCMonth() === end.getUTCMonth();
	if (sameMonth && end.getTime() - start.getTime() === DAY_MS) {
		return `on ${start.getUTCDate()} and ${longDate(end)}`;
	}
	return sameMonth
		? `from ${start.getUTCDate()} to ${longDate(end)}`
		: `from ${dayMonth(start)} to ${longDate(end)}`;
}

/** As under a body's name in a masthead: "19-21 October 2016", "9–13 October 2017", "30 June–2 July 2019". */
export function shortRange(start: Date, end: Date, dash: string): string {
	if (start.getTime() === end.getTime()) return longDate(start);
	const sameMonth = start.getUTCMonth() === end.getUTCMonth();
	return sameMonth
		? `${start.getUTCDate()}${dash}${longDate(end)}`
		: `${dayMonth(start)}${dash}${longDate(end)}`;
}
