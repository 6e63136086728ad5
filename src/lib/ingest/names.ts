/**
 * Resolving entity names as printed in UN reports (and in text converted from their PDFs) to the
 * reviewed reference table in data/reference/entities.csv.
 *
 * Pure: no file or network I/O, so the parser and the browser can both import it. The table is
 * read by src/lib/server/reference.ts.
 *
 * The resolver matches whole names and aliases only. It never takes a substring, never measures an
 * edit distance and never asks a country-data library: a name it cannot place is returned as null so
 * that it is flagged for a curator, who adds an alias to the table.
 */
import { csvParse } from 'd3-dsv';

export type EntityKind = 'state' | 'observer_state' | 'reio' | 'igo' | 'un_entity' | 'group' | 'ngo';
export type RegionalGroup =
	| 'African'
	| 'Asia-Pacific'
	| 'Eastern European'
	| 'Latin American and Caribbean'
	| 'Western European and other';

export interface ReferenceEntity {
	id: string;
	name: string;
	kind: EntityKind;
	iso3: string | null;
	regionalGroup: RegionalGroup | null;
	aliases: string[];
}

export const ENTITY_KINDS: readonly EntityKind[] = [
	'state',
	'observer_state',
	'reio',
	'igo',
	'un_entity',
	'group',
	'ngo'
];

export const REGIONAL_GROUPS: readonly RegionalGroup[] = [
	'African',
	'Asia-Pacific',
	'Eastern European',
	'Latin American and Caribbean',
	'Western European and other'
];

export interface NameIndex {
	readonly entities: readonly ReferenceEntity[];
	/** Spaced key -> entity. Built to be unambiguous: buildNameIndex throws otherwise. */
	readonly spaced: ReadonlyMap<string, ReferenceEntity>;
	/** Key with every space removed -> entities; used only as a fallback, and only when one entity answers. */
	readonly unspaced: ReadonlyMap<string, readonly ReferenceEntity[]>;
}

// --- Encoding damage -------------------------------------------------------------------------------

// Bytes 0x80-0xFF as MacRoman decodes them: UTF-8 text read as MacRoman gives "‚Äô" for "’".
const MAC_ROMAN_HIGH =
	'\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7\u00e9\u00e8' +
	'\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5\u00fa\u00f9\u00fb\u00fc' +
	'\u2020\u00b0\u00a2\u00a3\u00a7\u2022\u00b6\u00df\u00ae\u00a9\u2122\u00b4\u00a8\u2260\u00c6\u00d8' +
	'\u221e\u00b1\u2264\u2265\u00a5\u00b5\u2202\u2211\u220f\u03c0\u222b\u00aa\u00ba\u03a9\u00e6\u00f8' +
	'\u00bf\u00a1\u00ac\u221a\u0192\u2248\u2206\u00ab\u00bb\u2026\u00a0\u00c0\u00c3\u00d5\u0152\u0153' +
	'\u2013\u2014\u201c\u201d\u2018\u2019\u00f7\u25ca\u00ff\u0178\u2044\u20ac\u2039\u203a\ufb01\ufb02' +
	'\u2021\u00b7\u201a\u201e\u2030\u00c2\u00ca\u00c1\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc\u00d3\u00d4' +
	'\uf8ff\u00d2\u00da\u00db\u00d9\u0131\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u00b8\u02dd\u02db\u02c7';

// Bytes 0x80-0x9F as Windows-1252 decodes them (0xA0-0xFF are the same as Latin-1). Undefined bytes
// stay C1 controls, which is also what a Latin-1 reading of them gives.
const CP1252_C1 =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function reverseTable(high: string, latin1Rest: boolean): Map<string, number> {
	const table = new Map<string, number>();
	[...high].forEach((ch, i) => table.set(ch, 0x80 + i));
	if (latin1Rest) for (let b = 0xa0; b <= 0xff; b++) table.set(String.fromCharCode(b), b);
	// A Latin-1 reading of Windows-1252 text leaves C1 controls where 1252 has punctuation.
	if (latin1Rest) for (let b = 0x80; b <= 0x9f; b++) table.set(String.fromCharCode(b), b);
	return table;
}

const FROM_MAC_ROMAN = reverseTable(MAC_ROMAN_HIGH, false);
const FROM_CP1252 = reverseTable(CP1252_C1, true);
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function redecode(run: string, table: Map<string, number>): string | null {
	const bytes: number[] = [];
	for (const ch of run) {
		const b = table.get(ch);
		if (b === undefined) return null;
		bytes.push(b);
	}
	let text: string;
	try {
		text = STRICT_UTF8.decode(new Uint8Array(bytes));
	} catch {
		return null;
	}
	// Only accept a repair into Latin letters or typographic punctuation; anything else is more
	// likely a legitimate pair of characters that happens to form valid UTF-8.
	return /^[\u00a0-\u024f\u2010-\u205f]+$/u.test(text) ? text : null;
}

/**
 * Undo the common mojibake of UTF-8 read as MacRoman ("D‚ÄôIVOIRE") or as Windows-1252 / Latin-1
 * ("TÃ¼rkiye", "PEOPLE\x92S"). Runs of non-ASCII characters are re-decoded only when the result is
 * valid UTF-8, so correctly encoded text ("Côte", "Türkiye") is left alone.
 */
export function repairMojibake(text: string): string {
	if (!/[\u0080-\uffff]/.test(text)) return text;
	const repaired = text.replace(/[^\s\p{ASCII}]{2,}/gu, (run) => {
		return redecode(run, FROM_MAC_ROMAN) ?? redecode(run, FROM_CP1252) ?? run;
	});
	// A lone C1 control is a Windows-1252 byte read as Latin-1: 0x92 is the curly apostrophe.
	return repaired.replace(/[\u0080-\u009f]/g, (ch) => CP1252_C1[ch.charCodeAt(0) - 0x80] ?? ch);
}

// --- Keys --------------------------------------------------------------------------------------------

const LETTER_FOLDS: Record<string, string> = {
	ø: 'o',
	æ: 'ae',
	œ: 'oe',
	ß: 'ss',
	ı: 'i',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	þ: 'th'
};

/** Line breaks, non-breaking and zero-width spaces, soft hyphens: all as PDF conversion leaves them. */
function cleanWhitespace(text: string): string {
	return text
		.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
		.replace(/\s+/gu, ' ')
		.trim();
}

const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * The key names are compared on: case, diacritics, apostrophes (straight, curly or missing),
 * hyphens and dashes, punctuation, whitespace and a leading "the" all fold away.
 * "Côte d’Ivoire", "COTE D'IVOIRE" and "Cote dIvoire" share the key "cote divoire".
 */
export function nameKey(name: string): string {
	// ASCII is unchanged by the repair and both normalisations and carries no marks or folded
	// letters, and its letters and digits are [a-z0-9] once lower-cased: the same key, much sooner.
	if (!NON_ASCII.test(name)) {
		return name
			.toLowerCase()
			.replace(/['`]/g, '')
			.replace(/[^a-z0-9]+/g, ' ')
			.trim()
			.replace(/^the /, '');
	}
	return (
		repairMojibake(name)
			// NFKC first: PDF text carries ligatures ("ﬁ") and compatibility forms.
			.normalize('NFKC')
			.toLowerCase()
			.normalize('NFD')
			.replace(/\p{M}+/gu, '')
			.replace(/[øæœßıłđðþ]/g, (ch) => LETTER_FOLDS[ch] ?? ch)
			// Apostrophes vanish rather than split words, so "People's" = "Peoples" = "People’s".
			.replace(/['\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032]/g, '')
			.replace(/[^\p{L}\p{N}]+/gu, ' ')
			.trim()
			.replace(/^the /, '')
	);
}

function unspacedKey(key: string): string {
	return key.replace(/ /g, '');
}

/**
 * The other order of a qualified name: "X (Y)" and "X, Y" both give "Y X", so that
 * "Venezuela (Bolivarian Republic of)", "Venezuela, Bolivarian Republic of" and
 * "Bolivarian Republic of Venezuela" meet. Null when the name has neither form.
 */
function reorder(name: string): string | null {
	const text = cleanWhitespace(name).replace(/[.;:]+$/, '');
	const paren = /^([^()]+?)\s*\(([^()]+)\)$/.exec(text);
	if (paren?.[1] && paren[2]) return `${paren[2].trim()} ${paren[1].trim()}`;
	const comma = /^([^,()]+),\s*([^,()]+)$/.exec(text);
	if (comma?.[1] && comma[2]) return `${comma[2].trim()} ${comma[1].trim()}`;
	return null;
}

/** "theGambia", "Republic ofKorea", "Trinidad andTobago": a lower-case letter glued to a capital. */
function splitGlued(name: string): string | null {
	const split = name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
	return split === name ? null : split;
}

/** The forms of one name that are keyed: the name itself and its reordered form. */
function forms(name: string): string[] {
	const other = reorder(name);
	return other === null ? [name] : [name, other];
}

// --- Index and resolution ----------------------------------------------------------------------------

/**
 * Index every name and alias of the table. Throws when two entities share a key: the table is
 * reviewed, and an ambiguous alias there is a curator's error to fix, not something to guess around.
 */
export function buildNameIndex(entities: ReferenceEntity[]): NameIndex {
	const spaced = new Map<string, ReferenceEntity>();
	const unspaced = new Map<string, ReferenceEntity[]>();
	for (const entity of entities) {
		for (const written of [entity.name, ...entity.aliases]) {
			for (const form of forms(written)) {
				const key = nameKey(form);
				if (key === '') continue;
				const existing = spaced.get(key);
				if (existing && existing !== entity) {
					throw new Error(
						`Name key "${key}" (from "${written}") is shared by entities ${existing.id} and ${entity.id}`
					);
				}
				spaced.set(key, entity);
				const bare = unspacedKey(key);
				const list = unspaced.get(bare) ?? [];
				if (!list.includes(entity)) list.push(entity);
				unspaced.set(bare, list);
			}
		}
	}
	return { entities, spaced, unspaced };
}

function lookupUnspaced(index: NameIndex, bare: string): ReferenceEntity | null {
	const hits = index.unspaced.get(bare);
	return hits?.length === 1 ? (hits[0] ?? null) : null;
}

// The same few hundred names recur in every report of a corpus; resolving one costs a dozen
// normalisations and regexes. An index is never changed after buildNameIndex, so its answers can be
// kept; the bound only guards against a corpus of ever new strings.
const resolved = new WeakMap<NameIndex, Map<string, ReferenceEntity | null>>();
const RESOLVED_MAX = 50_000;

/** Resolve a name as written in a report to one entity, or null (never a guess). */
export function resolveName(index: NameIndex, nameAsWritten: string): ReferenceEntity | null {
	let cache = resolved.get(index);
	if (cache === undefined) {
		cache = new Map();
		resolved.set(index, cache);
	}
	const hit = cache.get(nameAsWritten);
	if (hit !== undefined) return hit;
	if (cache.size >= RESOLVED_MAX) cache.clear();
	const entity = resolveUncached(index, nameAsWritten);
	cache.set(nameAsWritten, entity);
	return entity;
}

function resolveUncached(index: NameIndex, nameAsWritten: string): ReferenceEntity | null {
	const written = cleanWhitespace(repairMojibake(nameAsWritten));
	if (written === '') return null;

	const candidates = forms(written);
	const glued = splitGlued(written);
	if (glued !== null) candidates.push(...forms(glued));

	const keys = candidates.map(nameKey);
	for (const key of keys) {
		const hit = index.spaced.get(key);
		if (hit) return hit;
	}

	// Words glued or split by PDF conversion in ways the capitals do not show ("REPUBLIC OFKOREA",
	// "Viet Nam" vs "Vietnam"): compare without spaces, and accept only a single answer.
	for (const key of keys) {
		const bare = unspacedKey(key);
		const hit =
			lookupUnspaced(index, bare) ?? (bare.startsWith('the') ? lookupUnspaced(index, bare.slice(3)) : null);
		if (hit) return hit;
	}

	// "European Border and Coast Guard Agency (Frontex)": a name with its acronym in parentheses.
	// Both halves must name the same entity, so "Congo (Democratic Republic of the)" can never fall
	// back to Congo.
	const paren = /^([^()]+?)\s*\(([^()]+)\)[.;:,]*$/.exec(written);
	if (paren?.[1] && paren[2]) {
		const outer = resolveName(index, paren[1]);
		const inner = resolveName(index, paren[2]);
		if (outer && outer === inner) return outer;
	}
	return null;
}

// --- CSV ---------------------------------------------------------------------------------------------

const ISO3 = /^[A-Z]{3}$/;

function isEntityKind(value: string): value is EntityKind {
	return (ENTITY_KINDS as readonly string[]).includes(value);
}

function isRegionalGroup(value: string): value is RegionalGroup {
	return (REGIONAL_GROUPS as readonly string[]).includes(value);
}

/**
 * Parse data/reference/entities.csv (columns id,name,kind,iso3,regional_group,aliases; aliases
 * separated by "|"). Throws on a malformed row, naming its line, so a curator's slip fails loudly.
 */
export function parseEntitiesCsv(csvText: string): ReferenceEntity[] {
	const rows = csvParse(csvText.replace(/^\ufeff/, ''));
	for (const column of ['id', 'name', 'kind', 'iso3', 'regional_group', 'aliases']) {
		if (!rows.columns.includes(column)) throw new Error(`entities.csv: missing column "${column}"`);
	}
	const seen = new Set<string>();
	return rows.map((row, i) => {
		const line = i + 2;
		const id = (row.id ?? '').trim();
		const name = (row.name ?? '').trim();
		const kind = (row.kind ?? '').trim();
		const iso3 = (row.iso3 ?? '').trim();
		const group = (row.regional_group ?? '').trim();
		if (id === '' || name === '') throw new Error(`entities.csv line ${line}: id and name are required`);
		if (seen.has(id)) throw new Error(`entities.csv line ${line}: duplicate id "${id}"`);
		seen.add(id);
		if (!isEntityKind(kind)) throw new Error(`entities.csv line ${line}: unknown kind "${kind}"`);
		if (iso3 !== '' && !ISO3.test(iso3)) throw new Error(`entities.csv line ${line}: bad iso3 "${iso3}"`);
		if (group !== '' && !isRegionalGroup(group)) {
			throw new Error(`entities.csv line ${line}: unknown regional group "${group}"`);
		}
		const aliases = (row.aliases ?? '')
			.split('|')
			.map((alias) => alias.trim())
			.filter((alias) => alias !== '');
		return {
			id,
			name,
			kind,
			iso3: iso3 === '' ? null : iso3,
			regionalGroup: group === '' ? null : group,
			aliases
		};
	});
}
