import { describe, expect, it } from 'vitest';
import {
	citation,
	documentCitation,
	formatDate,
	labelSlug,
	paragraphAnchor,
	placeCitation,
	recommendationAnchor
} from './citation';

const REPORT_2013 = {
	symbol: null,
	title:
		'Report on the meeting of the Working Group of Government Experts on Technical Assistance held in Vienna from 28 to 30 October 2013',
	distributionDate: '2013-11-19',
	id: '2013-10-wg2-technical-assistance-report'
};

describe('labelSlug', () => {
	it('turns runs of non-alphanumerics into one hyphen, lower case, trimmed', () => {
		expect(labelSlug('(a)')).toBe('a');
		expect(labelSlug('A (b)')).toBe('a-b');
		expect(labelSlug('Recommendation 3')).toBe('recommendation-3');
		expect(labelSlug('7')).toBe('7');
		expect(labelSlug('  B  (h) ')).toBe('b-h');
		expect(labelSlug('1 (a)/(ii)')).toBe('1-a-ii');
	});

	it('drops accents rather than splitting on them, and is never empty', () => {
		expect(labelSlug('Récommandation 2')).toBe('recommandation-2');
		expect(labelSlug('()')).toBe('x');
		expect(labelSlug('')).toBe('x');
	});

	it('makes the anchors other pages link to', () => {
		expect(recommendationAnchor('A (b)')).toBe('rec-a-b');
		expect(paragraphAnchor('43', 43)).toBe('p-43');
		expect(paragraphAnchor(null, 91)).toBe('u-91');
	});
});

describe('formatDate', () => {
	it('prints dates as UN documents do, without a leading zero', () => {
		expect(formatDate('2013-11-19')).toBe('19 November 2013');
		expect(formatDate('2020-07-09')).toBe('9 July 2020');
	});

	it('leaves anything that is not an ISO date alone', () => {
		expect(formatDate('2013-13-01')).toBe('2013-13-01');
		expect(formatDate('soon')).toBe('soon');
	});
});

describe('citation', () => {
	it('cites a numbered paragraph of a report without symbol by title and distribution date', () => {
		expect(citation(REPORT_2013, { paragraph: '7' })).toBe(
			'Report on the meeting of the Working Group of Government Experts on Technical Assistance held in Vienna from 28 to 30 October 2013 (19 November 2013), para. 7'
		);
	});

	it('prefers the symbol when the document has one', () => {
		const doc = { ...REPORT_2013, symbol: 'CTOC/COP/WG.2/2013/4' };
		expect(citation(doc, { paragraph: '43' })).toBe('CTOC/COP/WG.2/2013/4 (19 November 2013), para. 43');
	});

	it('falls back to the title alone, then to the id', () => {
		expect(documentCitation({ ...REPORT_2013, distributionDate: null })).toBe(REPORT_2013.title);
		expect(documentCitation({ symbol: null, title: null, distributionDate: null, id: 'x-doc' })).toBe(
			'x-doc'
		);
	});

	it('cites recommendations by paragraph and label', () => {
		// 2013: each recommendation is its own numbered paragraph.
		expect(placeCitation({ paragraph: '7', label: '7' })).toBe('para. 7');
		// 2017: lettered recommendations inside paragraph 6.
		expect(placeCitation({ paragraph: '6', label: '(a)' })).toBe('para. 6 (a)');
		// 2023: "Recommendation 3" printed under paragraph 8.
		expect(placeCitation({ paragraph: '8', label: 'Recommendation 3' })).toBe('para. 8, recommendation 3');
	});

	it('cites discussion points of an annex, which carry no paragraph number', () => {
		expect(placeCitation({ paragraph: null, label: 'A (b)', kind: 'discussion_point', annex: true })).toBe(
			'annex, discussion point A (b)'
		);
		expect(placeCitation({ label: 'B (h)', kind: 'recommendation' })).toBe('recommendation B (h)');
		expect(placeCitation({ label: 'Recommendation 1' })).toBe('recommendation 1');
	});

	it('points at unnumbered text by annex, preceding paragraph or section', () => {
		expect(placeCitation({ paragraph: null, annex: true })).toBe('annex');
		expect(placeCitation({ annex: true, section: 'Application of the Convention' })).toBe(
			'annex, “Application of the Convention”'
		);
		expect(placeCitation({ after: '90' })).toBe('text following para. 90');
		expect(placeCitation({ section: 'Adoption of the agenda' })).toBe('“Adoption of the agenda”');
		expect(placeCitation({})).toBe('heading');
	});
});
