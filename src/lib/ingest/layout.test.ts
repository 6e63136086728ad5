/** One test per layout quirk the parser has to survive, on small texts written for the purpose. */
import { describe, expect, it } from 'vitest';
import { findDateRanges, normalizeItemRef, sentences, splitNameList } from './lists';
import { outline } from './structure';
import { toBlocks, stripMarkup } from './text';
import { addresseesOf, strengthOf, subjectToExtrabudgetary } from './recommendations';
import { symbolsIn } from './documents';

describe('text to blocks', () => {
	it('removes markdown headings, bold, links, <sup> footnote marks and <i>/<b> tags', () => {
		expect(stripMarkup('## **B. Statements**')).toBe('## B. Statements');
		expect(stripMarkup('agenda ([CTOC/COP/WG.2/2020/1](#));')).toBe('agenda (CTOC/COP/WG.2/2020/1);');
		expect(stripMarkup('on 9 July 2020.<sup>1</sup>')).toBe('on 9 July 2020.');
		expect(stripMarkup('<i>Document number</i>\t<i>Agenda item</i>')).toBe('Document number\tAgenda item');
		// Lines without markup still have their spaces and cell separators normalised.
		expect(stripMarkup('  Plain  text,\u00a0no markup ')).toBe('Plain text, no markup');
		expect(stripMarkup('A/63/539 \t 5 (b)\t\tTitle')).toBe('A/63/539\t5 (b)\t\tTitle');
		expect(stripMarkup('Only\\* an escaped star')).toBe('Only* an escaped star');
		const blocks = toBlocks('### **III. Organization of the meeting**\n\n12. Text.');
		expect(blocks.map((b) => [b.kind, b.label, b.text])).toEqual([
			['heading', 'III', 'Organization of the meeting'],
			['numbered', '12', 'Text.']
		]);
	});

	it('drops PDF page footers such as "V.17-07534 3/14"', () => {
		const blocks = toBlocks('- 45. First paragraph.\n\nV.17-07534 11/14\n\n46. Second paragraph.');
		expect(blocks.map((b) => b.label)).toEqual(['45', '46']);
	});

	it('reads "- 12." bullets as paragraph 12', () => {
		const [b] = toBlocks(' - 12. Several speakers said so.');
		expect(b).toMatchObject({
			kind: 'numbered',
			label: '12',
			bullet: true,
			text: 'Several speakers said so.'
		});
	});

	it('joins a paragraph that a page break split mid-sentence', () => {
		const blocks = toBlocks('22. Regarding the\n\norganization of work, the Group noted it.\n\n23. Next.');
		expect(blocks.map((b) => b.text)).toEqual([
			'Regarding the organization of work, the Group noted it.',
			'Next.'
		]);
		const upper = toBlocks(
			'5. Lastly, on the application of the United Nations\n\nConvention against Crime.\n\n6. Next.'
		);
		expect(upper[0]?.text).toBe('Lastly, on the application of the United Nations Convention against Crime.');
	});

	it('keeps "Recommendation 3" apart from the text that follows it', () => {
		const blocks = toBlocks('Recommendation 3\n\nParties are encouraged to act.');
		expect(blocks.map((b) => b.kind)).toEqual(['label', 'text']);
	});

	it('normalises CRLF line ends and non-breaking spaces', () => {
		const blocks = toBlocks('1.\u00a0First.\r\n\r\n2. Second.\r\n');
		expect(blocks.map((b) => b.text)).toEqual(['First.', 'Second.']);
	});
});

describe('outline', () => {
	it('infers paragraph numbers lost in conversion from the gap they leave', () => {
		const { units, warnings } = outline(
			toBlocks(
				'I. Intro\n\n- By its decision 2/2, it began.\n- 2. Then.\n- 3. More.\n- Lost one.\n- Lost two.\n- 6. After.'
			)
		);
		expect(units.map((u) => [u.number, u.inferred])).toEqual([
			['1', true],
			['2', false],
			['3', false],
			['4', true],
			['5', true],
			['6', false]
		]);
		expect(warnings).toEqual([]);
	});

	it('keeps loose text under the previous paragraph when no number is missing', () => {
		const { units } = outline(
			toBlocks('11. Zero.\n\n12. One.\n\nWith regard to the paper, views differed.\n\n13. Two.')
		);
		expect(units.map((u) => u.number)).toEqual(['11', '12', '13']);
		expect(units[1]?.children.map((c) => c.text)).toEqual(['With regard to the paper, views differed.']);
	});

	it('tells an agenda list and numbered sub-headings from paragraphs', () => {
		// Paragraph numbers only grow: after paragraph 51, "1." cannot be a paragraph.
		const text = [
			'51. Before.',
			'C. Adoption of the agenda',
			'1. Working Group on International Cooperation',
			'52. At its 1st meeting, the Working Group adopted the following agenda:',
			'1. Organizational matters:',
			'(a) Opening of the meeting;',
			'2. Other matters.',
			'2. Working Group of Government Experts on Technical Assistance',
			'53. At its 1st meeting, the other Working Group adopted the following agenda:'
		].join('\n\n');
		const { units } = outline(toBlocks(text));
		expect(units.map((u) => [u.number, u.subsection?.text])).toEqual([
			['51', undefined],
			['52', 'Working Group on International Cooperation'],
			['53', 'Working Group of Government Experts on Technical Assistance']
		]);
		expect(units[1]?.children.map((c) => `${c.kind} ${c.label}`)).toEqual([
			'numbered 1',
			'lettered (a)',
			'numbered 2'
		]);
	});
});

describe('lists, dates and items', () => {
	const known = new Set([
		'Trinidad and Tobago',
		'Algeria',
		'Bosnia and Herzegovina',
		'Brazil',
		'State of Palestine',
		'Council of Europe',
		'League of Arab States',
		'Organization of Islamic Cooperation'
	]);
	const isKnown = (n: string) => known.has(n.replace(/^the /, ''));

	it('splits "A, B and C" without breaking names that contain "and" or commas in parentheses', () => {
		expect(
			splitNameList(
				'Algeria, Bolivia (Plurinational State of), Trinidad and Tobago and Bosnia and Herzegovina',
				isKnown
			)
		).toEqual([
			'Algeria',
			'Bolivia (Plurinational State of)',
			'Trinidad and Tobago',
			'Bosnia and Herzegovina'
		]);
		expect(
			splitNameList('Brazil, and the State of Palestine (on behalf of the Group of 77 and China)', isKnown)
		).toEqual(['Brazil', 'the State of Palestine (on behalf of the Group of 77 and China)']);
		expect(
			splitNameList('Brazil, Trinidad and Tobago (on behalf of the Caribbean Community), Chile', isKnown)
		).toEqual(['Brazil', 'Trinidad and Tobago (on behalf of the Caribbean Community)', 'Chile']);
		expect(
			splitNameList(
				'Council of Europe, League of Arab States and Organization of Islamic Cooperation',
				isKnown
			)
		).toEqual(['Council of Europe', 'League of Arab States', 'Organization of Islamic Cooperation']);
	});

	it('reads the date forms of UN reports', () => {
		const r = (t: string) => findDateRanges(t).map((d) => [d.start, d.end]);
		expect(r('held in Vienna from 28 to 30 October 2013')).toEqual([['2013-10-28', '2013-10-30']]);
		expect(r('Vienna, 9–13 October 2017')).toEqual([['2017-10-09', '2017-10-13']]);
		expect(r('on 9 and 10 July 2020')).toEqual([['2020-07-09', '2020-07-10']]);
		expect(r('from 30 September to 4 October 2019')).toEqual([['2019-09-30', '2019-10-04']]);
		expect(r('Distr.: General 19 November 2013')).toEqual([['2013-11-19', '2013-11-19']]);
	});

	it('normalises item references', () => {
		expect(normalizeItemRef('2 to 4')).toBe('2-4');
		expect(normalizeItemRef('2-6')).toBe('2-6');
		expect(normalizeItemRef('1 and 3')).toBe('1, 3');
		expect(normalizeItemRef('2, 4 and 5')).toBe('2, 4, 5');
	});

	it('splits sentences but not at "Mr." or symbols', () => {
		expect(sentences('In his presentation, Mr. Smith spoke. A statement was made by Guatemala.')).toEqual([
			'In his presentation, Mr. Smith spoke.',
			'A statement was made by Guatemala.'
		]);
	});

	it('finds document symbols, closing up "CRP. 1" and keeping joint symbols whole', () => {
		expect(
			symbolsIn('(CTOC/COP/WG.3/2017/1-CTOC/COP/WG.2/2017/1); CTOC/COP/WG.2/2013/CRP. 1 and A/63/539.')
		).toEqual(['CTOC/COP/WG.3/2017/1-CTOC/COP/WG.2/2017/1', 'CTOC/COP/WG.2/2013/CRP.1', 'A/63/539']);
		expect(symbolsIn('resolution 11/2 and Countries/Ibero-American Legal')).toEqual([]);
	});
});

describe('recommendation wording', () => {
	it('takes the first modal phrase as the strength', () => {
		expect(strengthOf('Parties that have not yet done so are strongly encouraged to nominate')).toBe(
			'strongly encouraged'
		);
		expect(strengthOf('States may wish to consider')).toBe('may wish to');
		expect(strengthOf('UNODC could develop a plan')).toBe('could');
		expect(strengthOf('In assessing whether it should be made, States parties should consider')).toBe(
			'should'
		);
	});

	it('names who is asked to act, not who helps', () => {
		expect(
			addresseesOf('With the assistance of UNODC and within existing resources, States should implement')
		).toEqual(['States']);
		expect(addresseesOf('States, UNODC and intergovernmental organizations should share')).toEqual([
			'States',
			'UNODC',
			'Intergovernmental organizations'
		]);
		expect(addresseesOf('The Conference may wish to consider asking the Secretariat to act')).toEqual([
			'Conference'
		]);
		expect(addresseesOf('Parties should act. Parties and UNODC are invited to consider it.')).toEqual([
			'States',
			'UNODC'
		]);
	});

	it('tells whether a recommendation depends on extrabudgetary resources', () => {
		expect(
			subjectToExtrabudgetary('UNODC should, subject to the availability of extrabudgetary resources, assist')
		).toBe(true);
		expect(
			subjectToExtrabudgetary('Parties are encouraged to provide UNODC with extrabudgetary resources')
		).toBe(false);
	});
});

describe('tables', () => {
	it('keeps an empty cell between two tabs', () => {
		const [row] = toBlocks('CTOC/COP/WG.2/2013/CRP. 1\t\tSummary of responses');
		expect(row?.text.split('\t')).toEqual(['CTOC/COP/WG.2/2013/CRP. 1', '', 'Summary of responses']);
	});
});
