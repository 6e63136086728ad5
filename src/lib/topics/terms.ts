/**
 * Discovered terms: phrases (two or three content words) whose share of the texts rises or falls over the years
 * and that no topic of the taxonomy covers yet, offered to the secretariat as candidates to add.
 *
 * For each year, share = texts containing the phrase / texts of that year; the trend is the least-squares slope
 * of that share over the years, in percentage points per year. A phrase must occur in at least MIN_TEXTS texts,
 * must not be all boilerplate (GENERIC stems: "working group", "States parties", ...), and must not overlap a key
 * phrase (contain one, or be contained in one). Of a phrase and a longer one found in almost the same texts,
 * only the longer is kept ("threat assessment" gives way to "crime threat assessment" only if they coincide).
 */
import { tokenize } from '../nlp/tokens';
import type { CompiledTopic } from './taxonomy';

export const MIN_TEXTS = 3;

/** Texts read at most (an even sample of larger corpora). */
export const MAX_TERM_TEXTS = 40_000;

/** Stems of the words every report uses whatever it is about. */
const GENERIC = new Set(
	(
		'convent protocol work group state parti meet agenda item statement repres speaker secretariat unodc confer ' +
		'organ crime unit nation transnat report paragraph session resolut decis govern expert technic assist intern ' +
		'cooper implement articl note made held vienna chair mr ms document prepar background paper countri also ' +
		'sever mani one two three includ regard relev relat provid make use need import effect ensur consid ' +
		'recommend discuss view present highlight emphas stress mention share inform practic good best challeng ' +
		'experi speaker undertak addit particular specif variou area level way well new first second third fourth ' +
		'year month octob juli mai june novemb date 1st 2nd 3rd 4th th ' +
		// Procedure: who chaired, which chapter, what was amended.
		'panellist annot provision bureau constant element oral amend express concern chapter section econom ' +
		'integr pursuant wide rang cote follow matter involv separ entitl titl invit welcom'
	).split(' ')
);

export interface YearShare {
	year: number;
	/** Texts of that year containing the term. */
	texts: number;
	/** Texts of that year. */
	total: number;
}

export interface DiscoveredTerm {
	/** As first printed. */
	term: string;
	/** Its stems, space-separated: the identity of the term. */
	stems: string;
	direction: 'rising' | 'falling';
	/** Percentage points of texts per year. */
	slope: number;
	/** Texts containing it, all years. */
	count: number;
	years: YearShare[];
}

export interface TermText {
	year: number;
	text: string;
}

function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
	outer: for (let i = 0; i + needle.length <= hay.length; i++) {
		for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
		return true;
	}
	return false;
}

/** Rising and falling phrases that no topic covers, the strongest trends first (at most `limit` each way). */
export function discoverTerms(texts: TermText[], topics: CompiledTopic[], limit = 15): DiscoveredTerm[] {
	const years = [...new Set(texts.map((t) => t.year))].sort((a, b) => a - b);
	if (years.length < 2) return [];
	// Every year counts, also one without a sampled text (its total stays 0 and its share 0).
	const totals = new Map<number, number>();
	const perYear = new Map<string, Map<number, number>>();
	/** Each phrase as first printed. */
	const surfaces = new Map<string, string>();
	// A corpus of thousands of reports is sampled evenly: trends need shares, not every text.
	const step = Math.max(1, Math.ceil(texts.length / MAX_TERM_TEXTS));
	for (let t = 0; t < texts.length; t += step) {
		const { year, text } = texts[t]!;
		totals.set(year, (totals.get(year) ?? 0) + 1);
		const seen = new Set<string>();
		// Runs of content words: a stopword or a number ends a phrase.
		let run: { stem: string; start: number; end: number }[] = [];
		const flush = () => {
			for (let i = 0; i < run.length; i++) {
				// Two or three words: single words that rise or fall are mostly names and procedure ("panellists").
				for (let n = 2; n <= 3 && i + n <= run.length; n++) {
					const part = run.slice(i, i + n);
					// A phrase may not start or end on boilerplate ("States parties should", "meeting of experts").
					if (GENERIC.has(part[0]!.stem) || GENERIC.has(part[n - 1]!.stem)) continue;
					const key = n === 1 ? part[0]!.stem : part.map((p) => p.stem).join(' ');
					if (!surfaces.has(key)) surfaces.set(key, text.slice(part[0]!.start, part[n - 1]!.end));
					seen.add(key);
				}
			}
			run = [];
		};
		let lastEnd = -1;
		for (const t of tokenize(text)) {
			// Punctuation between two words (a comma in a list of States, a slash in a symbol, a bracket) ends a
			// phrase as a stopword does; a hyphen or a space does not.
			if (lastEnd >= 0 && !/^[\s\-‐‑–]*$/.test(text.slice(lastEnd, t.start))) flush();
			lastEnd = t.end;
			if (t.stop || t.word.length < 2 || /^\d+$/.test(t.word)) flush();
			else run.push({ stem: t.stem, start: t.start, end: t.end });
		}
		flush();
		for (const key of seen) {
			const m = perYear.get(key) ?? new Map<number, number>();
			m.set(year, (m.get(year) ?? 0) + 1);
			perYear.set(key, m);
		}
	}
	const phraseStems = topics.flatMap((t) => t.phrases.map((p) => p.stems));
	const meanYear = years.reduce((a, b) => a + b, 0) / years.length;
	const varYear = years.reduce((a, y) => a + (y - meanYear) ** 2, 0);

	const candidates: DiscoveredTerm[] = [];
	// Phrases that overlap a key phrase, with their counts: a fragment of one ("respecting human" of "respecting
	// human rights") goes with it.
	const covered = new Map<string, number>();
	const total = (counts: Map<number, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
	for (const [key, counts] of perYear) {
		const stems = key.split(' ');
		if (phraseStems.some((p) => containsRun(stems, p) || containsRun(p, stems)))
			covered.set(key, total(counts));
	}
	for (const [key, counts] of perYear) {
		const count = total(counts);
		if (count < MIN_TEXTS || covered.has(key)) continue;
		const stems = key.split(' ');
		let fragment = false;
		for (const [other, n] of covered) {
			if (n >= 0.8 * count && other.length > key.length && containsRun(other.split(' '), stems)) {
				fragment = true;
				break;
			}
		}
		if (fragment) continue;
		// Names of States, organizations and people ("Russian Federation", "Dinis Mate") are not topics.
		const surface = surfaces.get(key) ?? '';
		if (/^\p{Lu}/u.test(surface) && surface.split(/\s+/).every((w) => /^\p{Lu}/u.test(w))) continue;
		const shares = years.map((y) => (100 * (counts.get(y) ?? 0)) / (totals.get(y) ?? 1));
		const meanShare = shares.reduce((a, b) => a + b, 0) / shares.length;
		let cov = 0;
		years.forEach((y, i) => (cov += (y - meanYear) * (shares[i]! - meanShare)));
		const slope = cov / varYear;
		if (slope === 0) continue;
		candidates.push({
			term: (surfaces.get(key) ?? key).replace(/\s+/g, ' '),
			stems: key,
			direction: slope > 0 ? 'rising' : 'falling',
			slope,
			count,
			years: years.map((y) => ({ year: y, texts: counts.get(y) ?? 0, total: totals.get(y) ?? 0 }))
		});
	}
	// A phrase found in (almost) the same texts as a longer phrase containing it says nothing more.
	const byKey = new Map(candidates.map((c) => [c.stems, c]));
	const kept = candidates.filter((c) => {
		const stems = c.stems.split(' ');
		for (const other of byKey.values()) {
			if (other === c || other.stems.length <= c.stems.length) continue;
			if (containsRun(other.stems.split(' '), stems) && other.count >= 0.8 * c.count) return false;
		}
		return true;
	});
	const rank = (c: DiscoveredTerm) => Math.abs(c.slope) * Math.log(1 + c.count);
	const rising = kept
		.filter((c) => c.direction === 'rising')
		.sort((a, b) => rank(b) - rank(a) || a.stems.localeCompare(b.stems));
	const falling = kept
		.filter((c) => c.direction === 'falling')
		.sort((a, b) => rank(b) - rank(a) || a.stems.localeCompare(b.stems));
	return [...rising.slice(0, limit), ...falling.slice(0, limit)];
}
