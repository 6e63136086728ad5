/**
 * Recommendations adopted by a body, and the 2020-style "discussion points": their labels as
 * printed, addressees, strength and whether they depend on extrabudgetary resources.
 */
import { unitBody } from './agenda';
import type { Block } from './text';
import type { Unit } from './structure';
import type { Addressee, Body, Recommendation, RecommendationKind, Strength } from './types';

const STRENGTHS: [RegExp, Strength][] = [
	[/\bstrongly encouraged\b/i, 'strongly encouraged'],
	[/\bshould\b/i, 'should'],
	[/\b(?:are|is) (?:also |further )?encouraged\b|\bencourages?\b/i, 'encouraged'],
	[/\b(?:are|is) (?:also )?invited\b|\binvites?\b/i, 'invited'],
	[/\bmay wish to\b/i, 'may wish to'],
	[/\bcould\b/i, 'could'],
	[/\bmay\b/i, 'may'],
	[/\brecommend(?:ed|s)?\b/i, 'recommended']
];

/** The first modal phrase of the text decides how strongly it asks. */
export function strengthOf(text: string): Strength | null {
	let best: { index: number; strength: Strength } | null = null;
	for (const [re, strength] of STRENGTHS) {
		const m = re.exec(text);
		if (m && (best === null || m.index < best.index)) best = { index: m.index, strength };
	}
	return best?.strength ?? null;
}

const ACTORS: [RegExp, Addressee][] = [
	[/\b(?:Member )?States(?: parties)?\b|\bParties\b|\bStates? signator/i, 'States'],
	[/\bUNODC\b|\bSecretariat\b|\bUnited Nations Office on Drugs and Crime\b/i, 'UNODC'],
	[/\bConference\b/i, 'Conference'],
	[/\bintergovernmental organizations\b/i, 'Intergovernmental organizations']
];

const MODAL =
	/\b(?:should|could|may|(?:are|is) (?:also |further |strongly )?(?:encouraged|invited|reminded|requested)|shall|must)\b/i;

/**
 * Who is asked to act: the actors named in the subject of each sentence (the words before its
 * modal verb), leaving out clauses such as "with the assistance of UNODC" or "in coordination with
 * UNODC" that name helpers, not addressees.
 */
export function addresseesOf(text: string): Addressee[] {
	const found = new Set<Addressee>();
	for (const sentence of text.split(/(?<=[.;])\s+(?=[A-Z])/)) {
		const cleaned = sentence
			.replace(
				/(^|,\s*)(?:with the (?:assistance|support) of|in (?:coordination|cooperation) with|within|subject to|pursuant to|in its delivery of|as part of|in implementing|in assessing|while|in order to|to further)\b[^,]*,/gi,
				'$1'
			)
			.replace(/\bthe Conference (?:of the Parties )?to the Convention\b/gi, ' ');
		const m = MODAL.exec(cleaned);
		if (!m) continue;
		const subject = cleaned.slice(0, m.index);
		for (const [re, who] of ACTORS) if (re.test(subject)) found.add(who);
	}
	return ACTORS.map(([, who]) => who).filter((who) => found.has(who));
}

export function subjectToExtrabudgetary(text: string): boolean {
	return /subject to (?:the )?availability of (?:extrabudgetary )?(?:resources|funds|funding)/i.test(text);
}

const INTRO =
	/\bfollowing (?:recommendations|discussion points|conclusions)\b|\b(?:set out|presented|listed) below\b|:\s*$/i;

function isRecommendationChapter(unit: Unit): RecommendationKind | null {
	const headings = [unit.chapter?.text, unit.section?.text].filter(Boolean).join(' | ');
	if (/discussion points/i.test(headings)) return 'discussion_point';
	if (unit.annex) return /recommendations|conclusions/i.test(headings) ? 'recommendation' : null;
	if (
		/^(?:recommendations|conclusions and recommendations|recommendations and conclusions)\b/i.test(
			unit.chapter?.text ?? ''
		)
	)
		return 'recommendation';
	return null;
}

/** "(1)" is how text converted from PDF often prints "(l)": read it so when the letters say so. */
function fixLetter(label: string, previous: string | null): string {
	const m = /^\((\d)\)$/.exec(label);
	if (!m || !previous) return label;
	const prev = /^\(([a-z])\)$/.exec(previous)?.[1];
	if (prev === 'k' && m[1] === '1') return '(l)';
	return label;
}

interface Draft extends Omit<Recommendation, 'label'> {
	sectionLetter: string | null;
}

export function findRecommendations(units: Unit[], bodies: Body[], warnings: string[]): Recommendation[] {
	const drafts: Draft[] = [];
	let order = 0;
	for (const unit of units) {
		const kind = isRecommendationChapter(unit);
		if (!kind) continue;
		const body = unitBody(unit, bodies) ?? bodies[0];
		if (!body) continue;
		const section = unit.section
			? `${unit.section.label ? unit.section.label + '. ' : ''}${unit.section.text}`
			: null;
		const base = {
			body: body.code,
			kind,
			section,
			sectionLetter: unit.section?.label ?? null,
			paragraph: unit.number
		};
		const add = (printedLabel: string, text: string) => {
			drafts.push({
				body: base.body,
				kind: base.kind,
				section: base.section,
				sectionLetter: base.sectionLetter,
				paragraph: base.paragraph,
				printedLabel,
				text,
				addressees: addresseesOf(text),
				strength: strengthOf(text),
				subjectToExtrabudgetary: subjectToExtrabudgetary(text),
				order: order++
			});
		};
		const lettered = unit.children.filter((c) => c.kind === 'lettered');
		const labelled = unit.children.some((c) => c.kind === 'label');
		if (labelled) {
			let current: { label: string; parts: string[] } | null = null;
			const flush = () => current && current.parts.length && add(current.label, current.parts.join(' '));
			for (const c of unit.children) {
				if (c.kind === 'label') {
					flush();
					current = { label: c.label ?? c.text, parts: [] };
				} else if (current) current.parts.push(c.text);
			}
			flush();
		} else if (lettered.length) {
			let previous: string | null = null;
			for (const c of lettered as Block[]) {
				const label = fixLetter(c.label ?? '', previous);
				previous = label;
				add(label, c.text.replace(/[;:]$|;\s*and$/, '').trim());
			}
		} else if (unit.number && unit.text && !INTRO.test(unit.text) && kind === 'recommendation') {
			add(unit.number, unit.text);
		}
	}
	// Lettering that restarts under each heading is made unique with the heading's letter.
	const out: Recommendation[] = [];
	// Counted in one pass: comparing every draft with every other is quadratic in long reports.
	const printed = new Map<string, number>();
	for (const d of drafts) {
		const key = `${d.body}|${d.printedLabel}`;
		printed.set(key, (printed.get(key) ?? 0) + 1);
	}
	const restarts = new Set(
		drafts.filter((d) => (printed.get(`${d.body}|${d.printedLabel}`) ?? 0) > 1).map((d) => d.body)
	);
	for (const d of drafts) {
		const clash = restarts.has(d.body);
		const label = clash && d.sectionLetter ? `${d.sectionLetter} ${d.printedLabel}` : d.printedLabel;
		// Spelled out rather than spread: spreading into a literal with more fields is slow in V8.
		out.push({
			body: d.body,
			kind: d.kind,
			section: d.section,
			paragraph: d.paragraph,
			printedLabel: d.printedLabel,
			text: d.text,
			addressees: d.addressees,
			strength: d.strength,
			subjectToExtrabudgetary: d.subjectToExtrabudgetary,
			order: d.order,
			label
		});
	}
	const labels = new Set<string>();
	for (const r of out) {
		const key = `${r.body}|${r.label}`;
		if (labels.has(key)) warnings.push(`recommendation label ${r.label} of ${r.body} printed twice`);
		labels.add(key);
	}
	return out;
}
