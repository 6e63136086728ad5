/**
 * Who attended, who spoke under which item, and who sat on the panels.
 */
import { itemByTitle, sameHeadings, unitBody } from './agenda';
import { bodiesIn } from './bodies';
import { ITEM_REF, normalizeItemRef, sentences, splitNameList } from './lists';
import { nameRef, personsWithCountries, personsWithFunctions, type Person } from './people';
import type { Unit } from './structure';
import type {
	AgendaItem,
	Attendance,
	AttendanceCategory,
	Body,
	Panellist,
	ParseOptions,
	Statement
} from './types';

function isKnown(options: ParseOptions) {
	return (name: string) => options.resolveName(name) !== null;
}

/** The category a descriptor such as "signatory State" or "intergovernmental organizations" names. */
export function categoryOf(descriptor: string): AttendanceCategory | null {
	const d = descriptor.toLowerCase();
	if (/signator/.test(d)) return 'signatory';
	if (/regional economic integration/.test(d)) return 'reio';
	if (/non-member|permanent observer mission/.test(d)) return 'non_member_observer_state';
	if (/non-governmental|civil society/.test(d)) return 'ngo';
	if (/intergovernmental/.test(d)) return 'igo';
	if (
		/united nations (?:entities|bodies|programmes|offices|funds|specialized)|specialized agenc|secretariat units/.test(
			d
		)
	)
		return 'un_entity';
	if (/\bparties\b|\bparty\b/.test(d)) return 'state_party';
	return null;
}

/** For a name listed without a descriptor, the category follows from what the entity is. */
function categoryOfKind(kind: string | undefined): AttendanceCategory {
	switch (kind) {
		case 'reio':
			return 'reio';
		case 'igo':
			return 'igo';
		case 'un_entity':
			return 'un_entity';
		case 'observer_state':
			return 'non_member_observer_state';
		case 'ngo':
			return 'ngo';
		default:
			return 'other';
	}
}

function attendee(
	name: string,
	category: AttendanceCategory | null,
	paragraph: string | null,
	options: ParseOptions
): Attendance {
	const ref = nameRef(name, options);
	const kind = options.resolveName(name)?.kind;
	let cat = category ?? categoryOfKind(kind);
	// The European Union is printed inside the list of parties in some reports; it is the party that is a REIO.
	if (cat === 'state_party' && kind === 'reio') cat = 'reio';
	// Spelled out rather than spread: spreading into a literal with more fields is slow in V8.
	return {
		name: ref.name,
		entity: ref.entity,
		entityId: ref.entityId,
		iso3: ref.iso3,
		category: cat,
		paragraph
	};
}

const LIST_REPRESENTED = /^The following (.+?) (?:was|were) represented\b[^:]*:\s*(.+?)\.?$/i;
const ONE_REPRESENTED =
	/^(?:The |An? )?(.+?), (?:a|an|the) ([^,]+?)(?:,[^,]*)?,? (?:was|were) (?:also )?represented\b/i;
const OBSERVER_REPRESENTED =
	/^(?:The |An? )?(.+?) (?:was|were) (?:also )?represented(?: by (?:an? |their )?observers?)?\b/i;

export function findAttendance(units: Unit[], options: ParseOptions): Attendance[] {
	const out: Attendance[] = [];
	for (const unit of units) {
		if (unit.annex || !/represented/i.test(unit.text)) continue;
		if (/deliberations|recommendations/i.test(unit.chapter?.text ?? '')) continue;
		for (const s of sentences(unit.text)) {
			let m = LIST_REPRESENTED.exec(s);
			if (m) {
				const category = categoryOf(m[1] ?? '');
				for (const name of splitNameList(m[2] ?? '', isKnown(options)))
					out.push(attendee(name, category, unit.number, options));
				continue;
			}
			m = ONE_REPRESENTED.exec(s);
			if (m && !/^list of participants/i.test(m[1] ?? '')) {
				out.push(attendee(m[1] ?? '', categoryOf(m[2] ?? ''), unit.number, options));
				continue;
			}
			m = OBSERVER_REPRESENTED.exec(s);
			if (m && !/\b(?:following|list|meeting|Secretariat)\b/i.test(m[1] ?? '') && (m[1] ?? '').length < 120) {
				out.push(attendee(m[1] ?? '', null, unit.number, options));
			}
		}
	}
	return dedupe(out, (a) => `${a.entityId ?? a.name}`);
}

function dedupe<T>(list: T[], key: (t: T) => string): T[] {
	const seen = new Set<string>();
	return list.filter((t) => {
		const k = key(t);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}

const MAY_NAME_ITEMS_OR_SPEAKERS = /item|statement/i;
const MAY_NAME_ITEMS = /item/i;

const NOT_A_DELEGATION =
	/^(?:the )?(?:Secretariat|Chair|Chairperson|President|Vice-Chair|Rapporteur|UNODC|United Nations Office on Drugs and Crime)\b/i;

/** Item references in a sentence, per body ("agenda items 5 to 7 of the Working Group on ..."). */
function itemsInSentence(
	s: string,
	bodies: Body[],
	agenda: AgendaItem[],
	sole: Body | null
): Map<string, string> | null {
	// Both patterns below need the word "item": most sentences do not have it.
	if (!MAY_NAME_ITEMS.test(s)) return null;
	const out = new Map<string, string>();
	const joint = /\bjoint agenda items? (?:entitled )?[“"]([^”"]+)[”"]/i.exec(s);
	if (joint) {
		for (const b of bodies) {
			const item = itemByTitle(agenda, b.code, joint[1] ?? '');
			if (item) out.set(b.code, item);
		}
		if (out.size) return out;
	}
	for (const m of s.matchAll(ITEM_REF)) {
		const ref = normalizeItemRef(m[1] ?? '');
		const after = s.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 120);
		const of = /^\s+of the (Working Group[^,.;]*|Conference[^,.;]*)/.exec(after);
		const named = of ? bodiesIn(of[1] ?? '', bodies) : [];
		if (named.length) {
			for (const b of named) out.set(b.code, ref);
		} else {
			for (const b of sole ? [sole] : bodies) if (!out.has(b.code)) out.set(b.code, ref);
		}
	}
	return out.size ? out : null;
}

interface Speaker {
	name: string;
	onBehalfOf: string | null;
}

/** The speakers a sentence says made statements, or null when it is not about statements. */
function speakersIn(s: string, options: ParseOptions): Speaker[] | null {
	if (!/\bstatements?\b/i.test(s) || !/\bmade\b/i.test(s)) return null;
	let names: string[];
	const list =
		/\bmade by (?:the )?(?:representatives?|observers?) (?:of|for) the following [^:]+:\s*(.+?)\.?$/i.exec(s);
	const byOne =
		/\bmade by (?:the |an? )?(?:representatives?|observers?) (?:of|for) (.+?)(?:,\s+(?:a|an|the|which|on behalf)\b.*)?\.?$/i.exec(
			s
		);
	const subject =
		/^(?:The |An? )?(?:representatives?|observers?) (?:of|for) (.+?),? (?:(?:a|an|the) [^,]+,\s*)?(?:also )?made (?:a |an opening |general )?statements?/i.exec(
			s
		);
	const onBehalfSubject = /^(?:The )?(.+?), on behalf of (?:the )?([^,]+), made (?:a )?statements?/i.exec(s);
	if (list) names = splitNameList(list[1] ?? '', isKnown(options));
	else if (onBehalfSubject)
		return [{ name: onBehalfSubject[1] ?? '', onBehalfOf: onBehalfSubject[2] ?? null }];
	else if (byOne) {
		const who = (byOne[1] ?? '').split(';')[0] ?? '';
		if (NOT_A_DELEGATION.test(who)) return null;
		names = splitNameList(who.replace(/,\s+(?:a|an)\s.*$/, ''), isKnown(options));
	} else if (subject) names = [subject[1] ?? ''];
	else return null;
	return names
		.map((n) => {
			const behalf = /^(.+?)\s*\(on behalf of (?:the )?([^)]+)\)$/i.exec(n);
			return behalf
				? { name: behalf[1] ?? '', onBehalfOf: behalf[2] ?? null }
				: { name: n, onBehalfOf: null };
		})
		.map((sp) => ({ ...sp, name: sp.name.replace(/^the\s+(?=[A-Z])/, '').trim() }))
		.filter((sp) => sp.name && !NOT_A_DELEGATION.test(sp.name));
}

export function findStatements(
	units: Unit[],
	bodies: Body[],
	agenda: AgendaItem[],
	itemsOfUnit: Map<Unit, Map<string, string>>,
	options: ParseOptions
): Statement[] {
	const out: Statement[] = [];
	let previousSection = '';
	let previousUnit: Unit | null = null;
	let previousContext: Map<string, string> | null = null;
	for (const unit of units) {
		if (unit.annex || /recommendations|discussion points/i.test(unit.chapter?.text ?? '')) continue;
		const sole = unitBody(unit, bodies, false);
		// Under the very same heading objects the key is unchanged: no need to build it.
		if (!previousUnit || !sameHeadings(previousUnit, unit)) {
			const sectionKey = `${unit.chapter?.text}|${unit.section?.text}|${unit.subsection?.text}`;
			if (sectionKey !== previousSection) previousContext = null;
			previousSection = sectionKey;
		}
		previousUnit = unit;
		// A sentence names items or speakers only with "item" or "statement" in it.
		if (!MAY_NAME_ITEMS_OR_SPEAKERS.test(unit.text)) continue;
		let context: Map<string, string> | null = null;
		for (const s of sentences(unit.text)) {
			const own = itemsInSentence(s, bodies, agenda, sole);
			if (own) context = own;
			const speakers = speakersIn(s, options);
			if (!speakers?.length) continue;
			// "The observer for Japan ... also made a statement" continues the previous paragraph's item.
			const carried: Map<string, string> | null = /\balso\b/.test(s) ? previousContext : null;
			const items: Map<string, string> =
				own ?? context ?? carried ?? itemsOfUnit.get(unit) ?? new Map<string, string>();
			previousContext = items.size ? items : previousContext;
			const targets = items.size ? bodies.filter((b) => items.has(b.code)) : sole ? [sole] : bodies;
			for (const body of targets) {
				for (const sp of speakers) {
					const ref = nameRef(sp.name, options);
					out.push({
						name: ref.name,
						entity: ref.entity,
						entityId: ref.entityId,
						iso3: ref.iso3,
						body: body.code,
						item: items.get(body.code) ?? null,
						speaker: sp.name,
						onBehalfOf: sp.onBehalfOf,
						paragraph: unit.number
					});
				}
			}
		}
	}
	return out;
}

const PANEL =
	/\b(?:led|facilitated|moderated|chaired|conducted) by the (?:following )?(?:\w+ )?panellists?:?\s+(.+?)\.?$/i;

export function findPanellists(
	units: Unit[],
	bodies: Body[],
	itemsOfUnit: Map<Unit, Map<string, string>>,
	options: ParseOptions
): Panellist[] {
	const out: Panellist[] = [];
	for (const unit of units) {
		// PANEL needs the word; a unit without it has no sentence to split.
		if (unit.annex || !/panellist/i.test(unit.text)) continue;
		for (const s of sentences(unit.text)) {
			const m = PANEL.exec(s);
			if (!m) continue;
			const text = m[1] ?? '';
			const people: Person[] = /\([^)]+\)/.test(text)
				? personsWithCountries(text, options)
				: personsWithFunctions(text, options);
			const sole = unitBody(unit, bodies, false);
			const own = itemsInSentence(s, bodies, [], sole);
			const items = own ?? itemsOfUnit.get(unit) ?? new Map<string, string>();
			const targets = sole ? [sole] : bodies.filter((b) => items.has(b.code));
			for (const body of targets.length ? targets : bodies.slice(0, 1)) {
				for (const p of people) {
					const item = items.get(body.code) ?? null;
					const same = out.find((o) => o.body === body.code && o.item === item && o.name === p.name);
					if (same) {
						// "Name (Country)" says the country outright; a country read from a job title is second best.
						if (p.function === null && p.country) {
							same.country = p.country;
							same.countryRef = p.countryRef;
						}
						same.country ??= p.country;
						same.countryRef ??= p.countryRef;
						same.function ??= p.function;
						continue;
					}
					out.push({
						name: p.name,
						country: p.country,
						countryRef: p.countryRef,
						function: p.function,
						body: body.code,
						item,
						paragraph: unit.number
					});
				}
			}
		}
	}
	return out;
}
