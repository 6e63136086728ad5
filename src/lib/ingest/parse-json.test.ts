import { describe, expect, it } from 'vitest';
import { toParseJson } from './parse-json';
import type { ParsedDocument } from './types';

const WG2 = { code: 'WG.2', name: 'Working Group of Government Experts on Technical Assistance' };
const WG3 = { code: 'WG.3', name: 'Working Group on International Cooperation' };

const joint: ParsedDocument = {
	kind: 'report',
	symbol: null,
	title: 'Report on the meetings',
	distributionDate: '2017-10-23',
	bodies: [WG3, WG2],
	meetings: [
		{
			body: WG3,
			startDate: '2017-10-09',
			endDate: '2017-10-12',
			venue: 'Vienna',
			format: 'in person',
			meetingsHeld: 6
		},
		{
			body: WG2,
			startDate: '2017-10-10',
			endDate: '2017-10-13',
			venue: 'Geneva',
			format: 'hybrid',
			meetingsHeld: null
		}
	],
	chairs: [
		{ name: 'A. Chair', country: 'Austria', countryRef: null, body: 'WG.3', role: 'chair', paragraph: '5' },
		{ name: 'B. Chair', country: null, countryRef: null, body: 'WG.2', role: 'co-chair', paragraph: '5' }
	],
	agenda: [{ body: 'WG.3', number: '1 (a)', title: 'Opening of the meeting', parent: '1', joint: true }],
	attendance: [
		{
			name: 'United States',
			entity: 'United States of America',
			entityId: 'USA',
			iso3: 'USA',
			category: 'state_party',
			paragraph: '40'
		},
		{ name: 'Atlantis', entity: 'Atlantis', entityId: null, iso3: null, category: 'other', paragraph: '40' }
	],
	statements: [
		{
			name: 'State of Palestine',
			entity: 'State of Palestine',
			entityId: 'PSE',
			iso3: 'PSE',
			body: 'WG.2',
			item: '2-4',
			speaker: 'State of Palestine',
			onBehalfOf: 'Group of 77 and China',
			paragraph: '12'
		}
	],
	panellists: [
		{
			name: 'Jane Doe',
			country: 'Austria',
			countryRef: null,
			function: 'Judge',
			body: 'WG.2',
			item: '3',
			paragraph: '20'
		}
	],
	recommendations: [
		{
			body: 'WG.3',
			label: '(a)',
			printedLabel: '(a)',
			kind: 'recommendation',
			section: null,
			text: 'States should cooperate.',
			addressees: ['States'],
			strength: 'should',
			subjectToExtrabudgetary: false,
			paragraph: '3',
			order: 0
		}
	],
	documentsBefore: [
		{ body: 'WG.3', symbol: 'CTOC/COP/WG.3/2017/1', title: null, item: '1' },
		{ body: 'WG.2', symbol: 'CTOC/COP/WG.3/2017/1', title: null, item: '1' },
		{ body: 'WG.2', symbol: 'CTOC/COP/WG.2/2017/2', title: null, item: '2' }
	],
	citedDocuments: ['CTOC/COP/WG.3/2017/1', 'CTOC/COP/2016/15'],
	paragraphs: [],
	warnings: ['paragraph 7: number inferred']
};

describe('toParseJson', () => {
	it('flattens a joint report: dates span the meetings, venue and format of the first', () => {
		const json = toParseJson('data/corpus/joint.txt', joint);
		expect(json).toMatchObject({
			file: 'data/corpus/joint.txt',
			kind: 'report',
			symbol: null,
			bodies: ['WG.3', 'WG.2'],
			startDate: '2017-10-09',
			endDate: '2017-10-13',
			venue: 'Vienna',
			format: 'in person',
			chairs: [
				{ name: 'A. Chair', country: 'Austria' },
				{ name: 'B. Chair', country: null }
			],
			agenda: [{ body: 'WG.3', number: '1 (a)', title: 'Opening of the meeting' }],
			attendance: [
				{ name: 'United States', entity: 'United States of America', iso3: 'USA', category: 'state_party' },
				{ name: 'Atlantis', entity: 'Atlantis', iso3: null, category: 'other' }
			],
			statements: [
				{
					body: 'WG.2',
					item: '2-4',
					speaker: 'State of Palestine',
					entity: 'State of Palestine',
					onBehalfOf: 'Group of 77 and China'
				}
			],
			panellists: [{ name: 'Jane Doe', country: 'Austria' }],
			recommendations: [
				{
					body: 'WG.3',
					label: '(a)',
					kind: 'recommendation',
					text: 'States should cooperate.',
					addressees: ['States'],
					strength: 'should'
				}
			],
			documents: ['CTOC/COP/WG.3/2017/1', 'CTOC/COP/WG.2/2017/2'],
			citedDocuments: ['CTOC/COP/WG.3/2017/1', 'CTOC/COP/2016/15'],
			warnings: ['paragraph 7: number inferred']
		});
		expect(json.meetings).toEqual([
			{
				body: 'WG.3',
				name: WG3.name,
				startDate: '2017-10-09',
				endDate: '2017-10-12',
				venue: 'Vienna',
				format: 'in person',
				meetingsHeld: 6,
				chairs: [{ name: 'A. Chair', country: 'Austria', role: 'chair' }]
			},
			{
				body: 'WG.2',
				name: WG2.name,
				startDate: '2017-10-10',
				endDate: '2017-10-13',
				venue: 'Geneva',
				format: 'hybrid',
				meetingsHeld: null,
				chairs: [{ name: 'B. Chair', country: null, role: 'co-chair' }]
			}
		]);
	});

	it('gives nulls, not missing keys, for a document without meetings', () => {
		const json = toParseJson('x.md', { ...joint, meetings: [], chairs: [] });
		expect(json.startDate).toBeNull();
		expect(json.endDate).toBeNull();
		expect(json.venue).toBeNull();
		expect(json.format).toBeNull();
		expect(JSON.parse(JSON.stringify(json))).toHaveProperty('venue', null);
	});

	it('keeps the key order of the documented format', () => {
		expect(Object.keys(toParseJson('x.md', joint)).slice(0, 3)).toEqual(['file', 'kind', 'symbol']);
	});
});
