/**
 * A report in a layout none of the five corpus documents has (another working group, wrapped
 * lines from a PDF, repeated page headers, officers elected, NGOs, a typo in a country name),
 * written by hand for this test; the expectations are read off that text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNameIndex } from '$lib/server/reference';
import { resolveName } from './names';
import { parseReport } from './parse';

const index = loadNameIndex('data/reference');
const text = readFileSync('tests/fixtures/variants/wg4-2019-pdf-variant.txt', 'utf8');
const parsed = parseReport(text, { resolveName: (n) => resolveName(index, n) });

describe('a sixth report in a layout not seen before', () => {
	it('reads symbol, body, dates across a month boundary, format and meetings held', () => {
		expect(parsed.symbol).toBe('CTOC/COP/WG.4/2019/4');
		expect(parsed.distributionDate).toBe('2019-07-15');
		expect(parsed.bodies).toEqual([{ code: 'WG.4', name: 'Working Group on Trafficking in Persons' }]);
		expect(parsed.meetings[0]).toMatchObject({
			startDate: '2019-06-30',
			endDate: '2019-07-02',
			venue: 'Vienna',
			format: 'in person',
			meetingsHeld: 6
		});
	});

	it('drops the repeated page header and footer, keeps paragraph 3 whole', () => {
		expect(parsed.paragraphs.map((p) => p.number)).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10',
			'11',
			'12'
		]);
		expect(parsed.paragraphs.find((p) => p.number === '3')?.text).toBe(
			'Many speakers highlighted the need to train front-line officers. Some speakers noted that victims were often identified late.'
		);
		expect(parsed.citedDocuments).toEqual([
			'CTOC/COP/WG.4/2019/4',
			'CTOC/COP/WG.4/2019/1',
			'CTOC/COP/WG.4/2019/2'
		]);
	});

	it('finds chair, panellists and agenda', () => {
		expect(parsed.chairs.map((c) => [c.name, c.country])).toEqual([['Ana Pérez García', 'Spain']]);
		expect(parsed.panellists.map((p) => [p.name, p.country, p.item])).toEqual([
			['Ana Morales', 'Mexico', '2'],
			['Jonas Berg', 'Norway', '2']
		]);
		expect(parsed.agenda.map((a) => a.number)).toEqual(['1', '1 (a)', '1 (b)', '2', '3']);
	});

	it('keeps a misspelt name as written and flags it, and joins a name wrapped across lines', () => {
		const states = parsed.attendance.filter((a) => a.category === 'state_party');
		expect(states.map((a) => a.name)).toEqual([
			'Argentina',
			'Belguim',
			'Egypt',
			'Nigeria',
			'Trinidad and Tobago',
			'Viet Nam'
		]);
		expect(states.find((a) => a.name === 'Belguim')?.entityId).toBeNull();
		expect(states.find((a) => a.name === 'Trinidad and Tobago')?.iso3).toBe('TTO');
		expect(parsed.warnings).toContain('unknown name kept as written: "Belguim"');
	});

	it('categorizes NGOs and a UN programme', () => {
		expect(parsed.attendance.filter((a) => a.category === 'ngo').map((a) => a.name)).toEqual([
			'Victims First Network',
			'La Strada International'
		]);
		expect(parsed.attendance.filter((a) => a.category === 'un_entity').map((a) => a.name)).toEqual([
			'United Nations Development Programme'
		]);
	});

	it('reads statements with a group spoken for, and an observer continuing the item', () => {
		expect(parsed.statements.map((s) => [s.speaker, s.item, s.onBehalfOf])).toEqual([
			['Argentina', '2', null],
			['Belguim', '2', null],
			['Egypt', '2', null],
			['Nigeria', '2', 'Group of African States'],
			['Trinidad and Tobago', '2', null],
			['Viet Nam', '2', null],
			['Holy See', '2', null]
		]);
	});

	it('reads the recommendations', () => {
		expect(
			parsed.recommendations.map((r) => [r.label, r.strength, r.addressees, r.subjectToExtrabudgetary])
		).toEqual([
			['(a)', 'should', ['States'], false],
			['(b)', 'should', ['UNODC'], true],
			['(c)', 'encouraged', ['States'], false]
		]);
		expect(parsed.documentsBefore.map((d) => d.symbol)).toEqual([
			'CTOC/COP/WG.4/2019/1',
			'CTOC/COP/WG.4/2019/2'
		]);
	});
});
