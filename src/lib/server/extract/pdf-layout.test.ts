/** The layout rules on hand-placed runs: no PDF needed. */
import { describe, expect, it } from 'vitest';
import { joinLines, layoutPdfPages, type PdfPage, type PdfRun } from './pdf-layout';

const W = 595;
const H = 842;

/** Runs of one line: words placed at 5 pt per character, as a monospaced font would. */
function line(text: string, x: number, y: number, size = 10, bold = false): PdfRun[] {
	const runs: PdfRun[] = [];
	let cx = x;
	for (const word of text.split(' ')) {
		runs.push({ str: word, x: cx, y, width: word.length * size * 0.5, size, bold });
		cx += (word.length + 1) * size * 0.5;
	}
	return runs;
}

const page = (...runs: PdfRun[][]): PdfPage => ({ width: W, height: H, runs: runs.flat() });

describe('joinLines', () => {
	it('undoes hyphenation, keeps hyphens of the text', () => {
		expect(joinLines('international coopera-', 'tion is')).toBe('international cooperation is');
		expect(joinLines('pre-', 'and post-trial')).toBe('pre- and post-trial');
		expect(joinLines('Money-', 'Laundering')).toBe('Money-Laundering');
		expect(joinLines('CTOC/COP/WG.2/2023/2-', 'CTOC/COP/WG.6/2023/4')).toBe(
			'CTOC/COP/WG.2/2023/2-CTOC/COP/WG.6/2023/4'
		);
		expect(joinLines('the', 'Conference')).toBe('the Conference');
	});
});

describe('layoutPdfPages', () => {
	it('makes paragraphs from wrapped lines, split by vertical gaps', () => {
		const text = layoutPdfPages([
			page(
				line('1. The Working Group met in Vienna on 29 and 30 May and held four meet-', 72, 700),
				line('ings in total.', 100, 687.5),
				line('2. The meeting was chaired by a person.', 72, 669)
			)
		]);
		expect(text).toBe(
			'1. The Working Group met in Vienna on 29 and 30 May and held four meetings in total.\n\n2. The meeting was chaired by a person.\n'
		);
	});

	it('reads two columns left first, a full-width masthead in its place', () => {
		const left = Array.from({ length: 12 }, (_, i) =>
			line(`left line ${i} with enough words to fill it`, 72, 700 - i * 12.5)
		);
		const right = Array.from({ length: 12 }, (_, i) =>
			line(`right line ${i} with enough words to fill it`, 320, 700 - i * 12.5)
		);
		const masthead = line(
			'Report on the meeting of the Working Group held in Vienna on 9 and 10 July 2020 and more',
			72,
			760
		);
		const text = layoutPdfPages([page(masthead, ...left, ...right)]);
		const order = [...text.matchAll(/(left|right) line (\d+)/g)].map((m) => `${m[1]}${m[2]}`);
		expect(order).toEqual([...left.map((_, i) => `left${i}`), ...right.map((_, i) => `right${i}`)]);
		expect(text.startsWith('Report on the meeting')).toBe(true);
	});

	it('drops repeated headers, page numbers and job numbers, keeps the first page masthead symbol', () => {
		const pages = [1, 2, 3].map((n) =>
			page(
				line('CTOC/COP/WG.2/2023/3', 420, 800, 9, true),
				line(`Paragraph text of page ${n}.`, 72, 700),
				line(n === 1 ? 'V.23-11203 (E)' : `V.23-11203 ${n}/3`, 72, 40, 8)
			)
		);
		const text = layoutPdfPages(pages);
		expect(text.match(/CTOC\/COP\/WG\.2\/2023\/3/g)).toHaveLength(1);
		expect(text).not.toMatch(/V\.23|^\d\/3$/m);
		expect(text).toContain('Paragraph text of page 3.');
	});

	it('marks headings by size and weight, superscripts as <sup>', () => {
		const body = Array.from({ length: 5 }, (_, i) =>
			line(`Body text line number ${i} of the report.`, 72, 600 - i * 18)
		);
		const text = layoutPdfPages([
			page(
				line('Report on the meeting', 72, 760, 15, true),
				line('A. Attendance', 72, 730, 10, true),
				line('Thereto', 72, 700),
				[{ str: '1', x: 107, y: 703.5, width: 3, size: 6, bold: false }],
				...body
			)
		]);
		expect(text).toContain('# Report on the meeting\n');
		expect(text).toContain('**A. Attendance**');
		expect(text).toContain('Thereto<sup>1</sup>');
	});

	it('reads a lone row of far-apart text (a masthead) as separate lines, not a table', () => {
		const body = Array.from({ length: 4 }, (_, i) =>
			line(`Body text line ${i} of the report.`, 72, 600 - i * 18)
		);
		const text = layoutPdfPages([
			page(line('United Nations', 72, 760, 12), line('CTOC/COP/WG.2/2023/3', 400, 760, 12), ...body)
		]);
		expect(text.startsWith('United Nations\n\nCTOC/COP/WG.2/2023/3\n\nBody text line 0')).toBe(true);
	});

	it('writes table rows tab-separated, with blank cells and wrapped cells joined', () => {
		const text = layoutPdfPages([
			page(
				line('Symbol', 72, 700, 9),
				line('Item', 200, 700, 9),
				line('Title', 260, 700, 9),
				line('CTOC/COP/WG.2/2013/2', 72, 684, 9),
				line('2', 200, 684, 9),
				line('Discussion paper by the Secretariat on', 260, 684, 9),
				line('assistance', 260, 673, 9),
				line('CTOC/COP/WG.2/2013/CRP. 1', 72, 657, 9),
				line('Summary of responses', 260, 657, 9)
			)
		]);
		expect(text).toBe(
			'Symbol\tItem\tTitle\nCTOC/COP/WG.2/2013/2\t2\tDiscussion paper by the Secretariat on assistance\nCTOC/COP/WG.2/2013/CRP. 1\t\tSummary of responses\n'
		);
	});
});
