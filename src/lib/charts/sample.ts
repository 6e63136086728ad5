/**
 * SAMPLE DATA for the /design page only: invented numbers in the shape the data pages will pass, so every chart
 * layer and export can be seen and tested before the database exists. Nothing here is drawn from the reports;
 * every figure made from it says so in its title. Document symbols are real-looking on purpose, to show how a
 * source line wraps, and the corpus version is marked as a sample.
 */
import type { MatrixState } from './palette';

export const SAMPLE_CORPUS_VERSION = '2026-11-23 (sample data)';

export const SAMPLE_SOURCES = [
	'CTOC/COP/WG.2/2013/4',
	'CTOC/COP/WG.3/2016/1',
	'CTOC/COP/WG.2/2017/4',
	'CTOC/COP/WG.2/2020/4',
	'CTOC/COP/WG.2/2023/4'
];

export const SAMPLE_MEETINGS = ['WG.2 2013', 'WG.3 2016', 'WG.2/3 2017', 'WG.2 2020', 'WG.2 2023'] as const;

/** Interventions per meeting by kind, long format (one row per bar × category). */
export const SAMPLE_INTERVENTION_KINDS = ['Statement', 'Question', 'Proposal', 'Reply'] as const;

export interface SampleIntervention {
	meeting: string;
	kind: string;
	count: number;
}

const counts: Record<string, [number, number, number, number]> = {
	'WG.2 2013': [34, 12, 6, 4],
	'WG.3 2016': [28, 9, 11, 3],
	'WG.2/3 2017': [41, 15, 8, 7],
	'WG.2 2020': [22, 6, 4, 2],
	'WG.2 2023': [38, 14, 9, 5]
};

export const SAMPLE_INTERVENTIONS: SampleIntervention[] = SAMPLE_MEETINGS.flatMap((meeting) =>
	SAMPLE_INTERVENTION_KINDS.map((kind, i) => ({ meeting, kind, count: counts[meeting]?.[i] ?? 0 }))
);

/** Delegations attending each working group by year. */
export interface SampleAttendance {
	body: string;
	year: number;
	delegations: number;
}

export const SAMPLE_ATTENDANCE: SampleAttendance[] = [
	{ body: 'Working Group on Technical Assistance', year: 2013, delegations: 71 },
	{ body: 'Working Group on Technical Assistance', year: 2016, delegations: 78 },
	{ body: 'Working Group on Technical Assistance', year: 2017, delegations: 84 },
	{ body: 'Working Group on Technical Assistance', year: 2020, delegations: 66 },
	{ body: 'Working Group on Technical Assistance', year: 2023, delegations: 89 },
	{ body: 'Working Group on International Cooperation', year: 2013, delegations: 63 },
	{ body: 'Working Group on International Cooperation', year: 2016, delegations: 70 },
	{ body: 'Working Group on International Cooperation', year: 2017, delegations: 84 },
	{ body: 'Working Group on International Cooperation', year: 2020, delegations: 58 },
	{ body: 'Working Group on International Cooperation', year: 2023, delegations: 80 }
];

/** Participation of selected delegations per meeting (the highest role counts). */
export interface SampleParticipation {
	country: string;
	meeting: string;
	state: MatrixState;
}

const roles: Record<string, string> = {
	// One letter per meeting in SAMPLE_MEETINGS order: - absent, a attended, s spoke, p panellist, c chaired.
	Mexico: 'scssa',
	Nigeria: 'sapsp',
	Germany: 'aspsa',
	Brazil: 'as-sa',
	Indonesia: 'aaspc',
	'Côte d’Ivoire': '-aa-s',
	'United Kingdom of Great Britain and Northern Ireland': 'ssaas',
	Kenya: 'a-sas',
	Argentina: 'paasa',
	'Viet Nam': '-asaa'
};

const letter: Record<string, MatrixState> = {
	'-': 'absent',
	a: 'attended',
	s: 'spoke',
	p: 'panellist',
	c: 'chaired'
};

export const SAMPLE_PARTICIPATION: SampleParticipation[] = Object.entries(roles).flatMap(([country, code]) =>
	SAMPLE_MEETINGS.map((meeting, i) => ({ country, meeting, state: letter[code[i] ?? '-'] ?? 'absent' }))
);

/** Share of meetings at which each delegation spoke, against its regional group's average. */
export interface SampleShare {
	country: string;
	group: string;
	share: number;
	groupAverage: number;
}

export const SAMPLE_SHARES: SampleShare[] = [
	{ country: 'Mexico', group: 'GRULAC', share: 80, groupAverage: 46 },
	{ country: 'Argentina', group: 'GRULAC', share: 40, groupAverage: 46 },
	{ country: 'Brazil', group: 'GRULAC', share: 40, groupAverage: 46 },
	{ country: 'Nigeria', group: 'African States', share: 60, groupAverage: 31 },
	{ country: 'Kenya', group: 'African States', share: 40, groupAverage: 31 },
	{ country: 'Côte d’Ivoire', group: 'African States', share: 20, groupAverage: 31 },
	{ country: 'Indonesia', group: 'Asia-Pacific States', share: 20, groupAverage: 28 },
	{ country: 'Viet Nam', group: 'Asia-Pacific States', share: 20, groupAverage: 28 },
	{ country: 'Germany', group: 'WEOG', share: 20, groupAverage: 52 },
	{
		country: 'United Kingdom of Great Britain and Northern Ireland',
		group: 'WEOG',
		share: 60,
		groupAverage: 52
	}
];
