/**
 * Names of people and of the entities they come from: "Thomas Burrows (United States)",
 * "Caroline Charpentier and Lise Chipault (France)", "Christopher Smith, Deputy Director ..., of the
 * United States of America".
 */
import type { NameRef, ParseOptions } from './types';

/** A name as written, resolved against the reference table when it can be. */
export function nameRef(nameAsWritten: string, options: ParseOptions): NameRef {
	const name = nameAsWritten.replace(/\s+/g, ' ').trim();
	const found = options.resolveName(name);
	return {
		name,
		entity: found?.name ?? name.replace(/^the\s+/i, ''),
		entityId: found?.id ?? null,
		iso3: found?.iso3 ?? null
	};
}

export interface Person {
	name: string;
	country: string | null;
	countryRef: NameRef | null;
	function: string | null;
}

function cleanPerson(name: string): string {
	return name
		.replace(/^(?:,|and|as well as)\s+/i, '')
		.replace(/^(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+/, '')
		.replace(/[,;.:\s]+$/, '')
		.trim();
}

/** "A (X), B (Y) and C (Z)"; people sharing a country are written "A and B (X)". */
export function personsWithCountries(text: string, options: ParseOptions): Person[] {
	const out: Person[] = [];
	const re = /([^()]+?)\s*\(([^()]+)\)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		const names = (m[1] ?? '')
			.replace(/^\s*(?:,|and)\s+/, '')
			.split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
			.map(cleanPerson)
			.filter((n) => n && /^[A-Z\u00C0-\u024F]/.test(n));
		const country = (m[2] ?? '').trim();
		for (const name of names)
			out.push({ name, country, countryRef: nameRef(country, options), function: null });
	}
	return out;
}

const PERSON_NAME = String.raw`[A-Z\u00C0-\u024F][\p{L}'’.-]+(?: (?:[A-Z\u00C0-\u024F][\p{L}'’.-]+|del|de|da|dos|van|von|bin|al|le|la))+`;

/**
 * "Name, function, Name, function and Name, function": a person's name is two or more capitalised
 * words followed by a comma; the country is the last "of <country>" in the function that resolves.
 */
export function personsWithFunctions(text: string, options: ParseOptions): Person[] {
	const starts: number[] = [];
	const re = new RegExp(`(?:^|,\\s+(?:and\\s+)?)(${PERSON_NAME}),\\s`, 'gu');
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) starts.push(m.index);
	const out: Person[] = [];
	for (let i = 0; i < starts.length; i++) {
		const chunk = text
			.slice(starts[i], starts[i + 1] ?? text.length)
			.replace(/^,\s+(?:and\s+)?/, '')
			.replace(/[.,;]\s*$/, '');
		const comma = chunk.indexOf(', ');
		if (comma < 0) continue;
		const name = cleanPerson(chunk.slice(0, comma));
		const fn = chunk.slice(comma + 2).trim();
		const countryRef = countryInFunction(fn, options);
		out.push({ name, country: countryRef?.name ?? null, countryRef, function: fn || null });
	}
	return out;
}

function countryInFunction(fn: string, options: ParseOptions): NameRef | null {
	const positions = [...fn.matchAll(/\bof\s+/g)].map((m) => (m.index ?? 0) + m[0].length);
	for (const p of positions) {
		const candidate = fn.slice(p).replace(/[.,;]+$/, '');
		const found = options.resolveName(candidate);
		if (found && (found.kind === 'state' || found.kind === 'observer_state'))
			return nameRef(candidate, options);
	}
	return null;
}
