/**
 * Agenda items per body ("adopted the following agenda:" in a report, the numbered list of a
 * provisional agenda), and which item a section of the report is about.
 */
import { bodiesIn } from './bodies';
import type { Unit } from './structure';
import type { AgendaItem, Body, DocumentKind } from './types';

const ADOPTED_AGENDA = /\b(?:adopted|approved)\b[^.]*\bfollowing (?:provisional )?agenda\s*:/i;
const JOINT_MARK = /\s*\((?:joint item[^)]*|joint)\)\s*/i;

function cleanTitle(title: string): string {
	return title
		.replace(JOINT_MARK, ' ')
		.replace(/\s+/g, ' ')
		.replace(/[.;:,\s]+$/, '')
		.trim();
}

function itemsFrom(
	unit: Unit,
	body: string,
	listed: { label: string | null; text: string; kind: string }[]
): AgendaItem[] {
	const items: AgendaItem[] = [];
	let parent: string | null = null;
	for (const c of listed) {
		if (c.kind === 'numbered' || c.kind === 'paragraph') {
			parent = c.label;
			items.push({
				body,
				number: c.label ?? '',
				title: cleanTitle(c.text),
				parent: null,
				joint: JOINT_MARK.test(c.text)
			});
		} else if (c.kind === 'lettered' && parent) {
			items.push({
				body,
				number: `${parent} ${c.label}`,
				title: cleanTitle(c.text),
				parent,
				joint: JOINT_MARK.test(c.text)
			});
		}
	}
	void unit;
	return items;
}

/** The body a unit belongs to in a joint report: named by its headings, else by its own text. */
export function unitBody(unit: Unit, bodies: Body[], useText = true): Body | null {
	if (bodies.length === 1) return bodies[0]!;
	for (const h of [unit.subsection, unit.section]) {
		if (!h) continue;
		const named = bodiesIn(h.text, bodies);
		if (named.length === 1) return named[0]!;
		if (named.length > 1) return null;
	}
	if (useText) {
		const named = bodiesIn(unit.text, bodies);
		if (named.length === 1) return named[0]!;
	}
	return null;
}

export function findAgenda(units: Unit[], bodies: Body[], kind: DocumentKind): AgendaItem[] {
	const items: AgendaItem[] = [];
	for (const unit of units) {
		if (!ADOPTED_AGENDA.test(unit.text)) continue;
		const body = unitBody(unit, bodies) ?? bodies[0];
		if (!body || items.some((i) => i.body === body.code)) continue;
		items.push(...itemsFrom(unit, body.code, unit.children));
	}
	if (items.length === 0 && kind === 'provisional_agenda') {
		// The agenda is the run of numbered entries under the "Provisional agenda" heading.
		const listUnits = units.filter(
			(u) => u.number !== null && /provisional agenda/i.test(`${u.section?.text} ${u.chapter?.text}`)
		);
		const body = bodies[0];
		if (body) {
			const listed = listUnits.flatMap((u) => [
				{ label: u.number, text: u.text, kind: 'numbered' },
				...u.children
			]);
			items.push(...itemsFrom(listUnits[0]!, body.code, listed));
		}
	}
	return items;
}

const STOP = new Set([
	'the',
	'of',
	'and',
	'in',
	'on',
	'to',
	'a',
	'an',
	'for',
	'with',
	'by',
	'its',
	'at',
	'including',
	'as'
]);

// Titles are compared with every heading of a report; their word sets are worth keeping.
const wordCache = new Map<string, Set<string>>();

function words(text: string): Set<string> {
	const cached = wordCache.get(text);
	if (cached) return cached;
	if (wordCache.size > 10_000) wordCache.clear();
	const set = computeWords(text);
	wordCache.set(text, set);
	return set;
}

function computeWords(text: string): Set<string> {
	return new Set(
		text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s-]/gu, ' ')
			.split(/\s+/)
			.filter((w) => w && !STOP.has(w))
	);
}

/** How alike two titles are: the share of words they have in common (Jaccard). */
export function titleSimilarity(a: string, b: string): number {
	const wa = words(a);
	const wb = words(b);
	if (wa.size === 0 || wb.size === 0) return 0;
	let common = 0;
	for (const w of wa) if (wb.has(w)) common++;
	return common / (wa.size + wb.size - common);
}

/** The item of a body whose title best matches a heading or quoted title; sub-items give their parent. */
export function itemByTitle(
	agenda: AgendaItem[],
	body: string,
	title: string,
	threshold = 0.6
): string | null {
	let best: AgendaItem | null = null;
	let bestScore = 0;
	for (const item of agenda) {
		if (item.body !== body) continue;
		const score = titleSimilarity(item.title, title);
		if (score > bestScore) {
			best = item;
			bestScore = score;
		}
	}
	if (!best || bestScore < threshold) return null;
	return best.parent ?? best.number;
}

/** Both units stand under the very same chapter, section and sub-section headings. */
export function sameHeadings(a: Unit, b: Unit): boolean {
	return a.chapter === b.chapter && a.section === b.section && a.subsection === b.subsection;
}

const CONSIDERED_ITEM = /\bconsidered agenda item (\d+)/i;
const JOINT_ITEM = /\bjoint agenda item entitled [“"]([^”"]+)[”"]/i;

/** The first group of `re` in the first unit whose text matches it. */
function firstCapture(units: Unit[], re: RegExp): string | undefined {
	for (const u of units) {
		const m = re.exec(u.text);
		if (m) return m[1];
	}
	return undefined;
}

/**
 * The agenda item a section of the deliberations is about, per body: stated in its first
 * paragraph ("considered agenda item 3"), or matched by the heading's title.
 */
export function sectionItems(
	units: Unit[],
	agenda: AgendaItem[],
	bodies: Body[]
): Map<Unit, Map<string, string>> {
	const result = new Map<Unit, Map<string, string>>();
	const bySection = new Map<string, Unit[]>();
	let previous: Unit | null = null;
	let list: Unit[] = [];
	for (const u of units) {
		// A run of units under the same heading objects has the same key: build and hash it once.
		if (!previous || !sameHeadings(previous, u)) {
			const key = `${u.chapter?.text}|${u.section?.text}|${u.subsection?.text}`;
			list = bySection.get(key) ?? [];
			bySection.set(key, list);
		}
		list.push(u);
		previous = u;
	}
	for (const group of bySection.values()) {
		const first = group[0]!;
		const items = new Map<string, string>();
		const heading = first.subsection ?? first.section;
		const body = unitBody(first, bodies, false);
		const targets = body ? [body] : bodies;
		// What the section's text states is the same for every body: read once, up to the first hit.
		const considered = firstCapture(group, CONSIDERED_ITEM);
		const joint = firstCapture(group, JOINT_ITEM);
		for (const b of targets) {
			const byTitle = heading ? itemByTitle(agenda, b.code, heading.text) : null;
			const item =
				(joint ? itemByTitle(agenda, b.code, joint) : null) ??
				(targets.length === 1 ? considered : null) ??
				byTitle;
			if (item) items.set(b.code, item);
		}
		for (const u of group) result.set(u, items);
	}
	return result;
}
