/**
 * Small text helpers shared by the extractors: splitting "A, B, C and D" lists of names, sentences,
 * dates written the UN way, agenda item references, and number words.
 */

/** Split at top-level commas (not inside parentheses). */
function splitTopLevel(text: string, sep: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '(') depth++;
		else if (c === ')') depth = Math.max(0, depth - 1);
		else if (depth === 0 && text.startsWith(sep, i)) {
			parts.push(text.slice(start, i));
			start = i + sep.length;
			i += sep.length - 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

function cleanName(name: string): string {
	return name
		.replace(/\s+/g, ' ')
		.replace(/^(?:and|as well as)\s+/i, '')
		.replace(/[.;:,]+$/, '')
		.trim();
}

/**
 * Split a printed list of names. A final "X and Y" is split where both halves are known names,
 * so that "Trinidad and Tobago" or "Bosnia and Herzegovina" stay whole; unknown halves fall back
 * to splitting at the first " and " outside parentheses.
 */
export function splitNameList(text: string, isKnown: (name: string) => boolean): string[] {
	const parts = splitTopLevel(text.replace(/\s+/g, ' '), ', ').map(cleanName).filter(Boolean);
	const out: string[] = [];
	for (const part of parts) {
		const ands = andPositions(part);
		// "Trinidad and Tobago (on behalf of the Caribbean Community)": a known name speaking for a group is one
		// speaker, not two cut at its "and".
		const speaker = part.replace(/\s*\(on behalf of [^()]*\)$/i, '');
		if (ands.length === 0 || isKnown(part) || (speaker !== part && isKnown(speaker))) {
			out.push(part);
			continue;
		}
		out.push(...splitAnd(part, ands, isKnown));
	}
	return out.filter(Boolean);
}

function andPositions(text: string): number[] {
	const positions: number[] = [];
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '(') depth++;
		else if (c === ')') depth = Math.max(0, depth - 1);
		else if (depth === 0 && text.startsWith(' and ', i)) positions.push(i);
	}
	return positions;
}

function splitAnd(part: string, ands: number[], isKnown: (name: string) => boolean): string[] {
	// Try every way of cutting at one " and ": prefer the cut whose both sides are known.
	for (const pos of ands) {
		const left = cleanName(part.slice(0, pos));
		const right = cleanName(part.slice(pos + 5));
		if (isKnown(left) && isKnown(right)) return [left, right];
	}
	for (const pos of ands) {
		const left = cleanName(part.slice(0, pos));
		const right = cleanName(part.slice(pos + 5));
		if (isKnown(right) || isKnown(left)) return [left, right];
	}
	const pos = ands[ands.length - 1]!;
	return [cleanName(part.slice(0, pos)), cleanName(part.slice(pos + 5))];
}

const ABBREVIATIONS =
	/(?:\b(?:Mr|Mrs|Ms|Dr|No|Nos|art|arts|para|paras|e\.g|i\.e|etc|vol|p|pp|St|Rev|Add|Corr|cf|Inc|Ltd|Sr|Jr|Prof|Amb|H\.E|U\.S|E|V)|\b[A-Z])\.$/;

/** Split a paragraph into sentences, keeping abbreviations such as "Mr." and symbols intact. */
export function sentences(text: string): string[] {
	const out: string[] = [];
	let start = 0;
	const re = /[.;!?][”"’)]*\s+(?=[A-Z“"(])/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		const end = m.index + m[0].trimEnd().length;
		const candidate = text.slice(start, end);
		if (ABBREVIATIONS.test(candidate.replace(/[”"’)]+$/, ''))) continue;
		out.push(candidate.trim());
		start = m.index + m[0].length;
	}
	const rest = text.slice(start).trim();
	if (rest) out.push(rest);
	return out;
}

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';

function iso(day: string, month: string, year: string): string | null {
	const m = MONTHS.indexOf(month.toLowerCase()) + 1;
	const d = Number(day);
	if (!m || d < 1 || d > 31) return null;
	return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface DateRange {
	start: string;
	end: string;
	/** Where in the text the range was found. */
	index: number;
	length: number;
}

const RANGE = new RegExp(
	`\\b(\\d{1,2})(?:\\s+${MONTH}(?:\\s+(\\d{4}))?)?\\s*(?:–|—|-|to|and)\\s*(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})`,
	'g'
);
const SINGLE = new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})`, 'g');

/** Every date or date range written out in the text ("28 to 30 October 2013", "9–13 October 2017"). */
export function findDateRanges(text: string): DateRange[] {
	const out: DateRange[] = [];
	const covered: [number, number][] = [];
	for (const m of text.matchAll(RANGE)) {
		const [, d1, m1, y1, d2, m2, y2] = m;
		const start = iso(d1!, m1 ?? m2!, y1 ?? y2!);
		const end = iso(d2!, m2!, y2!);
		if (start && end && start <= end) {
			out.push({ start, end, index: m.index ?? 0, length: m[0].length });
			covered.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
		}
	}
	for (const m of text.matchAll(SINGLE)) {
		const i = m.index ?? 0;
		if (covered.some(([a, b]) => i >= a && i < b)) continue;
		const d = iso(m[1]!, m[2]!, m[3]!);
		if (d) out.push({ start: d, end: d, index: i, length: m[0].length });
	}
	return out.sort((a, b) => a.index - b.index);
}

/** The first date written out in the text, as YYYY-MM-DD. */
export function firstDate(text: string): string | null {
	return findDateRanges(text)[0]?.start ?? null;
}

const NUMBER_WORDS: Record<string, number> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20
};

export function numberWord(word: string): number | null {
	if (/^\d+$/.test(word)) return Number(word);
	return NUMBER_WORDS[word.toLowerCase()] ?? null;
}

/**
 * Normalise a printed reference to agenda items: "2 to 4" and "2-4" -> "2-4"; "1 and 3" -> "1, 3";
 * "2, 4 and 5" -> "2, 4, 5"; "3 (b)" -> "3 (b)".
 */
export function normalizeItemRef(ref: string): string {
	const r = ref.trim().replace(/[.,;:]+$/, '');
	const span = /^(\d+)\s*(?:to|-|–|—)\s*(\d+)$/.exec(r);
	if (span) return `${span[1]}-${span[2]}`;
	const parts = r
		.split(/\s*,\s*|\s+and\s+/)
		.map((p) => p.trim())
		.filter(Boolean);
	return parts.map((p) => p.replace(/\s*\(\s*([a-z])\s*\)/, ' ($1)')).join(', ');
}

/** "agenda items 2 to 4", "item 3", "agenda items 2, 4 and 5": the item references in a text, in order. */
export const ITEM_REF =
	/\b(?:agenda\s+)?items?\s+(\d+(?:\s*\([a-z]\))?(?:\s*(?:,|and|to|-|–)\s*\d+(?:\s*\([a-z]\))?)*)/gi;
