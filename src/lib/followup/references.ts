/**
 * Explicit references a later text can make to an earlier recommendation: the named tools and programmes of
 * data/reference/tools.csv (SHERLOC, RevMod, the MLA Request Writer Tool, ...), resolution and decision
 * numbers, and the wording that says the Secretariat did something ("delivered a presentation", "has
 * continued to develop", "developed pursuant to resolution 11/2") or that the Conference decided something
 * ("in its resolution 11/2, the Conference ... encouraged").
 */
import { csvParse } from 'd3-dsv';
import { contentStems } from '../nlp/tokens';

export interface NamedTool {
	id: string;
	name: string;
	aliases: string[];
}

export function parseToolsCsv(text: string): NamedTool[] {
	const rows = csvParse(text.replace(/^\uFEFF/, ''));
	const seen = new Set<string>();
	return rows.map((row, i) => {
		const id = (row.id ?? '').trim();
		const name = (row.name ?? '').trim();
		if (!id || !name) throw new Error(`tools.csv line ${i + 2}: id and name are required`);
		if (seen.has(id)) throw new Error(`tools.csv line ${i + 2}: id "${id}" appears twice`);
		seen.add(id);
		const aliases = (row.aliases ?? '')
			.split('|')
			.map((s) => s.trim())
			.filter(Boolean);
		return { id, name, aliases };
	});
}

export interface ToolMatcher {
	tools: NamedTool[];
	/** First stem → [tool index, stems of one name]. */
	byFirst: Map<string, [number, string[]][]>;
}

export function buildToolMatcher(tools: NamedTool[]): ToolMatcher {
	const byFirst = new Map<string, [number, string[]][]>();
	tools.forEach((tool, i) => {
		for (const name of [tool.name, ...tool.aliases]) {
			const stems = contentStems(name);
			if (stems.length === 0) continue;
			const list = byFirst.get(stems[0]!) ?? [];
			list.push([i, stems]);
			byFirst.set(stems[0]!, list);
		}
	});
	return { tools, byFirst };
}

/** Ids of the named tools a text mentions (by name or alias). */
export function toolsIn(stems: readonly string[], matcher: ToolMatcher): Set<string> {
	const out = new Set<string>();
	for (let i = 0; i < stems.length; i++) {
		for (const [tool, name] of matcher.byFirst.get(stems[i]!) ?? []) {
			let ok = i + name.length <= stems.length;
			for (let k = 1; ok && k < name.length; k++) ok = stems[i + k] === name[k];
			if (ok) out.add(matcher.tools[tool]!.id);
		}
	}
	return out;
}

/** "resolution 11/2", "decision 4/3": normalised, in order of appearance, without repeats. */
export function resolutionsIn(text: string): string[] {
	const out = new Set<string>();
	for (const m of text.matchAll(/\b(resolution|decision)s?\s+(\d+\/\d+)/gi)) {
		out.add(`${m[1]!.toLowerCase()} ${m[2]}`);
	}
	return [...out];
}

// A sentence where the Conference (or another body) acts by resolution: the paragraph reports a decision.
const RESOLUTION_CLAUSE =
	/\b(?:in|by) (?:its|their) (?:resolution|decision)s? \d+\/\d+|\bthe Conference (?:also )?(?:requested|encouraged|decided|endorsed|urged|invited|called upon|adopted)\b/i;

/** The text reports what a resolution or decision of the Conference did. */
export function reportsResolution(text: string): boolean {
	return RESOLUTION_CLAUSE.test(text);
}

// The Secretariat (UNODC) reporting work done or under way. Forms that only ask for work ("encouraged UNODC to
// develop") deliberately do not match: they are requests, not reports.
const SECRETARIAT_ACTION = new RegExp(
	[
		String.raw`\b(?:secretariat|unodc)\b[^.;]{0,80}?\b(?:delivered|gave|made|provided)\b[^.;]{0,40}?\b(?:presentations?|demonstrations?|update|overview|briefing)`,
		String.raw`\b(?:secretariat|unodc)\b[^.;]{0,40}?\b(?:presented|demonstrated|briefed|offered|brought to the attention)`,
		String.raw`\b(?:secretariat|unodc)\b[^.;]{0,40}?\b(?:has|have|had)\b(?: also| been| continued to| continued its work to)*\s+(?:continued|finalized|developed|updated|launched|prepared|organized|made available|tested|redeveloped|upgraded)`,
		String.raw`\b(?:prepared|organized|developed|finalized|launched|updated|presented) by (?:the )?(?:secretariat|unodc)`,
		String.raw`\b(?:developed|prepared|launched|finalized) pursuant to\b`,
		String.raw`\bpresentations? (?:by|of) (?:the )?(?:secretariat|unodc)`,
		String.raw`\bhas been (?:updated|finalized|developed|launched|made available)\b`
	].join('|'),
	'i'
);

/** The text reports the Secretariat doing the work (a presentation, a tool finalized, a plan developed). */
export function reportsSecretariatAction(text: string): boolean {
	return SECRETARIAT_ACTION.test(text);
}

// A period, semicolon or colon followed by a capital (or an opening bracket or quote), or a line break. Not
// after abbreviations such as "art." or "No.", which are followed by a number anyway but may be by a name.
const BOUNDARY = /(?<!\b(?:art|arts|No|Nos|para|paras|Mr|Ms|Dr))[.;:](?=\s+[A-Z(“"‘'])|\n/g;

/** Sentences of a paragraph with their offsets (list items and line breaks end a sentence too). */
export function sentences(text: string): { text: string; start: number }[] {
	const out: { text: string; start: number }[] = [];
	const push = (from: number, to: number) => {
		const piece = text.slice(from, to);
		const t = piece.trim();
		if (t) out.push({ text: t, start: from + piece.length - piece.trimStart().length });
	};
	let start = 0;
	for (const m of text.matchAll(BOUNDARY)) {
		const end = (m.index ?? 0) + m[0].length;
		push(start, end);
		start = end;
	}
	push(start, text.length);
	return out;
}
