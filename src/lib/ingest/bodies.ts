/**
 * The bodies whose reports Rapporteur reads, with the short code of their document symbols
 * (CTOC/COP/WG.2/... is the Working Group on Technical Assistance). Source: the symbols printed in
 * the reports themselves and the UNODC pages of each working group. A body missing here is still
 * parsed: its code is made from its name and a warning says so.
 */
import type { Body } from './types';

interface KnownBody extends Body {
	/** Patterns that name the body in running text. */
	names: RegExp[];
}

export const KNOWN_BODIES: KnownBody[] = [
	{
		code: 'WG.2',
		name: 'Working Group of Government Experts on Technical Assistance',
		names: [
			/Working Group of Government Experts on Technical Assistance/i,
			/Working Group on Technical Assistance/i
		]
	},
	{
		code: 'WG.3',
		name: 'Working Group on International Cooperation',
		names: [/Working Group on International Cooperation/i]
	},
	{
		code: 'WG.4',
		name: 'Working Group on Trafficking in Persons',
		names: [/Working Group on Trafficking in Persons/i]
	},
	{
		code: 'WG.6',
		name: 'Working Group on Firearms',
		names: [/Working Group on Firearms/i]
	},
	{
		code: 'WG.7',
		name: 'Working Group on the Smuggling of Migrants',
		names: [/Working Group on (?:the )?Smuggling of Migrants/i]
	},
	{
		code: 'COP',
		name: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
		names: [
			/Conference of the Parties to the United Nations Convention against Transnational Organized Crime/i
		]
	}
];

/** A code for a body not in the table: its initials, so that it is stable across reports. */
function codeFromName(name: string): string {
	return name
		.split(/\s+/)
		.filter((w) => /^[A-Z]/.test(w))
		.map((w) => w[0])
		.join('');
}

/** Bodies named in the text, in order of first mention. */
export function bodiesNamedIn(text: string): { body: Body; index: number }[] {
	const found: { body: Body; index: number }[] = [];
	for (const known of KNOWN_BODIES) {
		if (known.code === 'COP') continue;
		const indices = known.names.map((re) => text.search(re)).filter((i) => i >= 0);
		if (indices.length)
			found.push({ body: { code: known.code, name: known.name }, index: Math.min(...indices) });
	}
	// Any other "Working Group on/of ..." is a body we do not know yet.
	for (const m of text.matchAll(
		/\b(?:Open-ended (?:intergovernmental )?)?Working Group (?:on|of) (?:[A-Z][\w-]*|the|and|of|in|on)(?: (?:[A-Z][\w-]*|the|and|of|in|on))*/g
	)) {
		const name = m[0].replace(/\s+(?:the|and|of|in|on)$/g, '');
		if (KNOWN_BODIES.some((k) => k.names.some((re) => re.test(name)))) continue;
		if (found.some((f) => f.body.name === name)) continue;
		found.push({ body: { code: codeFromName(name), name }, index: m.index ?? 0 });
	}
	return found.sort((a, b) => a.index - b.index);
}

export function bodyByCode(code: string): Body | undefined {
	const k = KNOWN_BODIES.find((b) => b.code === code);
	return k ? { code: k.code, name: k.name } : undefined;
}

export function isKnownBody(body: Body): boolean {
	return KNOWN_BODIES.some((k) => k.code === body.code);
}

/** Which of the given bodies a text names (for sentences of a joint report). */
export function bodiesIn(text: string, bodies: Body[]): Body[] {
	return bodies.filter((b) => {
		const known = KNOWN_BODIES.find((k) => k.code === b.code);
		return known ? known.names.some((re) => re.test(text)) : text.includes(b.name);
	});
}
