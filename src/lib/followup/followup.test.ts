import { describe, expect, it } from 'vitest';
import { applyDecisions, statusOverrides, type Decision } from './curation';
import {
	isRecommendationContainer,
	linkRecommendations,
	longestCommonRun,
	MIN_LINK_SCORE,
	type LinkerInput
} from './linker';
import {
	buildToolMatcher,
	parseToolsCsv,
	reportsResolution,
	reportsSecretariatAction,
	resolutionsIn,
	sentences,
	toolsIn
} from './references';
import { recommendationStatus } from './status';
import type { FollowupLink } from './types';
import { StemTable } from '../nlp/stem-table';
import { contentStems } from '../nlp/tokens';

const tools = buildToolMatcher(
	parseToolsCsv(
		'id,name,aliases\nsherloc,SHERLOC,Sharing Electronic Resources and Laws on Crime|knowledge management portal\nplan,dissemination plan,\n'
	)
);

describe('references', () => {
	it('finds named tools by name or alias', () => {
		expect(
			[...toolsIn(contentStems('the knowledge management portal and its dissemination plan'), tools)].sort()
		).toEqual(['plan', 'sherloc']);
	});

	it('finds resolution and decision numbers', () => {
		expect(resolutionsIn('pursuant to resolution 11/2 and decisions 4/3; resolution 11/2 again')).toEqual([
			'resolution 11/2',
			'decision 4/3'
		]);
	});

	it('tells a report of the Secretariat’s work from a request for it', () => {
		expect(
			reportsSecretariatAction(
				'representatives of the secretariat delivered a presentation on the SHERLOC portal'
			)
		).toBe(true);
		expect(
			reportsSecretariatAction(
				'the dissemination plan for the portal, developed pursuant to Conference resolution 11/2'
			)
		).toBe(true);
		expect(
			reportsSecretariatAction(
				'The Secretariat has continued its work to upgrade and redevelop a number of tools'
			)
		).toBe(true);
		expect(
			reportsSecretariatAction('Conference room paper prepared by the Secretariat on the dissemination plan')
		).toBe(true);
		expect(reportsSecretariatAction('It also encouraged UNODC to develop a dissemination plan')).toBe(false);
		expect(reportsSecretariatAction('UNODC should continue to work on the portal')).toBe(false);
	});

	it('tells when a paragraph reports a resolution', () => {
		expect(
			reportsResolution(
				'Furthermore, in its resolution 11/2, entitled “Implementation”, the Conference requested UNODC'
			)
		).toBe(true);
		expect(reportsResolution('Several speakers welcomed the portal.')).toBe(false);
	});

	it('splits sentences, not at "art. 13" and not inside a list item', () => {
		// A semicolon or colon ends a sentence only before a capital (or a new line).
		expect(sentences('One (art. 13) here. Two follows; three: Four.\n(a) five').map((s) => s.text)).toEqual([
			'One (art. 13) here.',
			'Two follows; three:',
			'Four.',
			'(a) five'
		]);
	});
});

describe('longestCommonRun', () => {
	it('measures the longest shared run of informative words', () => {
		const a = ['unodc', 'develop', 'dissemin', 'plan', 'rais', 'awar'];
		const b = ['encourag', 'unodc', 'develop', 'dissemin', 'plan', 'rais', 'awar', 'us'];
		expect(longestCommonRun(a, b)).toEqual({ length: 6, end: 6 });
		// A common word never matches: the run breaks at it (unodc develop dissemin | rais awar).
		expect(longestCommonRun(a, b, (s) => s !== 'plan').length).toBe(3);
	});
});

describe('isRecommendationContainer', () => {
	it('recognizes a paragraph holding a recommendation’s text', () => {
		const rec = 'States should update their records in the directory of competent national authorities.';
		expect(isRecommendationContainer(`The Working Group adopted:\n(a) ${rec}`, [rec])).toBe(true);
		expect(isRecommendationContainer('Speakers stressed the usefulness of the directory.', [rec])).toBe(
			false
		);
	});
});

const meeting = (id: string, date: string, body = 'WG.2') => ({ id, date, body });

function input(): LinkerInput {
	const m13 = meeting('wg2-2013', '2013-10-28');
	const m20 = meeting('wg2-2020', '2020-07-09');
	const m23 = meeting('wg2-2023', '2023-05-29');
	return {
		recommendations: [
			{
				id: 'wg2-2013:34',
				documentId: 'd13',
				meeting: m13,
				label: '34',
				section: null,
				paragraph: '34',
				sortOrder: 0,
				text: 'UNODC should continue to work on the knowledge management portal known as SHERLOC.'
			},
			{
				id: 'wg2-2013:14',
				documentId: 'd13',
				meeting: m13,
				label: '14',
				section: null,
				paragraph: '14',
				sortOrder: 1,
				text: 'States should carry out threat assessments to determine the level of risk to an individual witness.'
			},
			{
				id: 'wg2-2020:A (b)',
				documentId: 'd20',
				meeting: m20,
				label: 'A (b)',
				section: null,
				paragraph: null,
				sortOrder: 0,
				text: 'UNODC could develop a dissemination plan to raise awareness of the usefulness of the SHERLOC knowledge management portal.'
			}
		],
		paragraphs: [
			{
				documentId: 'd23',
				number: '4',
				order: 4,
				meetings: [m23],
				item: null,
				text: 'Furthermore, in its resolution 11/2, the Conference requested UNODC to continue to provide technical assistance. It also encouraged UNODC to develop a dissemination plan to raise awareness of the usefulness of the SHERLOC knowledge management portal.'
			},
			{
				documentId: 'd23',
				number: '30',
				order: 30,
				meetings: [m23],
				item: '4',
				text: 'The Working Group considered agenda item 4. Representatives of the secretariat delivered a presentation on the SHERLOC portal and the dissemination plan, developed pursuant to Conference resolution 11/2.'
			},
			{
				documentId: 'd13',
				number: '77',
				order: 77,
				meetings: [m13],
				item: '4',
				text: 'Several speakers welcomed SHERLOC, the knowledge management portal.'
			}
		],
		agendaItems: [],
		tools
	};
}

describe('linkRecommendations', () => {
	const links = linkRecommendations(input()).filter((l) => l.score >= MIN_LINK_SCORE);
	const from = (id: string) =>
		links
			.filter((l) => l.fromId === id)
			.map((l) => `${l.toKey} ${l.kind}`)
			.sort();

	it('links a discussion point to the resolution that took it up and the presentation that reported it', () => {
		expect(from('wg2-2020:A (b)')).toEqual(['p:d23:30 implemented', 'p:d23:4 resolution']);
		const res = links.find((l) => l.fromId === 'wg2-2020:A (b)' && l.toKey === 'p:d23:4')!;
		// The evidence is the sentence that takes it up, not the paragraph's first sentence.
		expect(res.snippet).toMatch(/^It also encouraged UNODC to develop a dissemination plan/);
		expect(res.reasons).toContain('names SHERLOC');
		expect(res.reasons).toContain('reports resolution 11/2');
	});

	it('follows only later meetings of other documents', () => {
		const all = linkRecommendations(input(), { minScore: 0 });
		// Paragraph 77 is in the 2013 report itself; the 2013 recommendation is earlier than 2020.
		expect(all.some((l) => l.toKey === 'p:d13:77')).toBe(false);
		expect(all.some((l) => l.fromId === 'wg2-2020:A (b)' && l.toKey === 'r:wg2-2013:34')).toBe(false);
		expect(from('wg2-2013:34')).toEqual([
			'p:d23:30 implemented',
			'p:d23:4 resolution',
			'r:wg2-2020:A (b) reiterated'
		]);
	});

	it('finds nothing for a recommendation no later text takes up', () => {
		expect(from('wg2-2013:14')).toEqual([]);
	});

	it('reads the stems the caller tokenized, with the links it finds tokenizing the texts itself', () => {
		const table = new StemTable();
		const given = { ...input(), stemTable: table };
		for (const r of given.recommendations) r.stems = table.store(contentStems(r.text));
		for (const p of given.paragraphs) p.stems = table.store(contentStems(p.text));
		const all = linkRecommendations(input(), { minScore: 0 });
		expect(all.length).toBeGreaterThan(3);
		expect(linkRecommendations(given, { minScore: 0 })).toEqual(all);
		// Other stems for paragraph 4 of 2023: it no longer names SHERLOC nor shares words, so no link reaches it.
		given.paragraphs[0]!.stems = table.store(contentStems('Several speakers welcomed the directory.'));
		expect(all.some((l) => l.toKey === 'p:d23:4')).toBe(true);
		expect(linkRecommendations(given, { minScore: 0 }).some((l) => l.toKey === 'p:d23:4')).toBe(false);
	});
});

function link(id: string, kind: FollowupLink['kind'], score: number): FollowupLink {
	return {
		id: `r1 -> ${id}`,
		fromId: 'r1',
		toKey: id,
		toKind: 'paragraph',
		toMeetingId: 'm2',
		toDocumentId: 'd2',
		toLabel: null,
		toParagraph: id.split(':').at(-1)!,
		toParagraphOrder: 1,
		toItem: null,
		kind,
		score,
		snippet: 'text',
		reasons: []
	};
}

/** The snapshot a decision keeps of a link's target. */
const target = (id: string, kind: FollowupLink['kind']) => {
	const l = link(id, kind, 0);
	return {
		toKey: l.toKey,
		toKind: l.toKind,
		toMeetingId: l.toMeetingId,
		toDocumentId: l.toDocumentId,
		toLabel: l.toLabel,
		toParagraph: l.toParagraph,
		toParagraphOrder: l.toParagraphOrder,
		toItem: l.toItem,
		kind: l.kind,
		snippet: l.snippet
	};
};

describe('curation and status', () => {
	const links = [
		link('p:d2:1', 'discussed', 0.6),
		link('p:d2:2', 'implemented', 0.3),
		link('p:d2:3', 'reiterated', 0.5)
	];

	it('follows the rules without decisions: possible links do not count', () => {
		const curated = applyDecisions(links, [], MIN_LINK_SCORE);
		expect(curated.map((l) => l.counted)).toEqual([true, false, true]);
		const s = recommendationStatus(curated);
		expect(s.status).toBe('reiterated');
		expect(s.evidence).toEqual(['r1 -> p:d2:3']);
		expect(s.explanation).toMatch(/^Reiterated: a later recommendation repeats it/);
	});

	it('lets the latest decision per link win, and keeps added links', () => {
		const decisions: Decision[] = [
			{
				time: '2026-01-01T00:00:00.000Z',
				action: 'confirm',
				recommendation: 'r1',
				link: 'r1 -> p:d2:2',
				target: target('p:d2:2', 'implemented'),
				note: 'reported in 2023'
			},
			{
				time: '2026-01-02T00:00:00.000Z',
				action: 'reject',
				recommendation: 'r1',
				link: 'r1 -> p:d2:3',
				target: target('p:d2:3', 'reiterated'),
				note: null
			},
			{
				time: '2026-01-03T00:00:00.000Z',
				action: 'add',
				recommendation: 'r1',
				link: 'r1 -> p:d2:9',
				target: target('p:d2:9', 'agenda')
			},
			{
				time: '2026-01-04T00:00:00.000Z',
				action: 'reject',
				recommendation: 'r1',
				link: 'r1 -> p:d2:1',
				target: target('p:d2:1', 'discussed')
			},
			{
				time: '2026-01-05T00:00:00.000Z',
				action: 'unset',
				recommendation: 'r1',
				link: 'r1 -> p:d2:1',
				target: target('p:d2:1', 'discussed')
			}
		];
		const curated = applyDecisions(links, decisions, MIN_LINK_SCORE);
		const by = new Map(curated.map((l) => [l.toKey, l]));
		expect(by.get('p:d2:2')).toMatchObject({
			decision: 'confirm',
			counted: true,
			decisionNote: 'reported in 2023'
		});
		expect(by.get('p:d2:3')).toMatchObject({ decision: 'reject', counted: false });
		expect(by.get('p:d2:9')).toMatchObject({
			decision: 'add',
			counted: true,
			curatorOnly: true,
			kind: 'agenda'
		});
		expect(by.get('p:d2:1')).toMatchObject({ decision: null, counted: true });
		expect(recommendationStatus(curated).status).toBe('acted-on');
	});

	it('keeps a confirmed link the linker no longer finds, from its snapshot', () => {
		const curated = applyDecisions(
			[],
			[
				{
					time: '2026-01-01T00:00:00.000Z',
					action: 'confirm',
					recommendation: 'r1',
					link: 'r1 -> p:d2:2',
					target: target('p:d2:2', 'implemented')
				}
			],
			MIN_LINK_SCORE
		);
		expect(curated).toHaveLength(1);
		expect(curated[0]).toMatchObject({ curatorOnly: true, counted: true, toParagraph: '2' });
	});

	it('lets a curator set the status, and say so', () => {
		const overrides = statusOverrides([
			{
				time: '2026-02-01T00:00:00.000Z',
				action: 'status',
				recommendation: 'r1',
				status: 'acted-on',
				note: 'see CRP.1'
			}
		]);
		const s = recommendationStatus(applyDecisions(links, [], MIN_LINK_SCORE), overrides.get('r1') ?? null);
		expect(s.status).toBe('acted-on');
		expect(s.derived).toBe('reiterated');
		expect(s.explanation).toMatch(/^Set by a curator on 2026-02-01: “see CRP.1”/);
		expect(
			statusOverrides([
				{ time: '2026-02-01T00:00:00.000Z', action: 'status', recommendation: 'r1', status: 'acted-on' },
				{ time: '2026-02-02T00:00:00.000Z', action: 'status', recommendation: 'r1', status: 'auto' }
			]).size
		).toBe(0);
	});

	it('says when there is no later meeting', () => {
		expect(recommendationStatus([], null, { laterMeetings: 0 }).explanation).toMatch(/no later meeting/);
	});
});
