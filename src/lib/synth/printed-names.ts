/**
 * How a report of a given year prints an entity of data/reference/entities.csv. Real reports change
 * a State's name when the UN does (Turkey until 2022, then Türkiye) and print some States two ways
 * in one report: "Venezuela (Bolivarian Republic of)" in an attendance list, "Bolivarian Republic of
 * Venezuela" in running text (see /work/shared/NAMES.md and the 2013 report). The generator uses
 * these forms so that the name normalizer meets the variants it must resolve.
 */
import type { ReferenceEntity } from '../ingest/names';

/** A renamed State: the old name is printed before `year`, the new one from `year` on. */
interface Rename {
	year: number;
	before: string;
	after: string[];
}

const RENAMES: Record<string, Rename> = {
	TUR: { year: 2022, before: 'Turkey', after: ['Türkiye'] },
	SWZ: { year: 2018, before: 'Swaziland', after: ['Eswatini'] },
	CZE: { year: 2016, before: 'Czech Republic', after: ['Czechia'] },
	MKD: { year: 2019, before: 'the former Yugoslav Republic of Macedonia', after: ['North Macedonia'] },
	LBY: { year: 2011, before: 'Libyan Arab Jamahiriya', after: ['Libya'] },
	CPV: { year: 2013, before: 'Cape Verde', after: ['Cabo Verde'] },
	NLD: {
		year: 2023,
		before: 'Netherlands',
		after: ['Netherlands (Kingdom of the)', 'Kingdom of the Netherlands']
	}
};

/** Both forms are current; lists print the first, running text either. */
const VARIANTS: Record<string, string[]> = {
	USA: ['United States', 'United States of America'],
	GBR: ['United Kingdom', 'United Kingdom of Great Britain and Northern Ireland'],
	VEN: ['Venezuela (Bolivarian Republic of)', 'Bolivarian Republic of Venezuela'],
	IRN: ['Iran (Islamic Republic of)', 'Islamic Republic of Iran'],
	BOL: ['Bolivia (Plurinational State of)', 'Plurinational State of Bolivia'],
	FSM: ['Micronesia (Federated States of)', 'Federated States of Micronesia'],
	CIV: ['Côte d’Ivoire', "Côte d'Ivoire"],
	PSE: ['State of Palestine']
};

/** States that joined the United Nations during the years the corpus covers. */
const MEMBER_FROM: Record<string, number> = { TLS: 2002, CHE: 2002, SRB: 2006, MNE: 2006, SSD: 2011 };

/** Whether an entity can appear in a report of `year`. */
export function existsIn(entity: ReferenceEntity, year: number): boolean {
	return year >= (MEMBER_FROM[entity.id] ?? 0);
}

/** Forms a report of `year` may print; `prose` asks for one without parentheses (for "Name (Country)"). */
export function printedForms(entity: ReferenceEntity, year: number, prose = false): string[] {
	const rename = RENAMES[entity.id];
	let forms: string[];
	if (rename) forms = year < rename.year ? [rename.before] : rename.after;
	else forms = VARIANTS[entity.id] ?? [entity.name];
	if (!prose) return forms;
	const plain = forms.filter((f) => !f.includes('('));
	if (plain.length) return plain;
	// An organization printed "Name (ACRONYM)" has its bare name too.
	return [entity.aliases.find((a) => !a.includes('(')) ?? entity.name.replace(/\s*\(.*\)$/, '')];
}

/**
 * How an organization is listed: its name, "Name (ACRONYM)" as in the 2020 report, or the acronym
 * alone (INTERPOL). A name with a comma is never listed whole, because a list is split at commas:
 * real reports print those by acronym too.
 */
export function organizationForms(entity: ReferenceEntity): string[] {
	const acronyms = entity.aliases.filter((a) => /^[A-Z][A-Z0-9-]{1,9}$/.test(a) && a !== 'EU');
	const forms: string[] = [];
	if (!entity.name.includes(',')) {
		forms.push(entity.name);
		for (const a of acronyms) forms.push(`${entity.name} (${a})`);
	}
	forms.push(...acronyms);
	return forms.length ? forms : [entity.name];
}
