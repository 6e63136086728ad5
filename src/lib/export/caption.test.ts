import { describe, expect, it } from 'vitest';
import { caption, exportFileName, filterLine, sourceLine, type FigureMeta } from './caption';

const meta: FigureMeta = {
	id: 'participation-matrix',
	title: 'Participation by meeting',
	subtitle: 'The highest role each delegation had',
	sources: ['CTOC/COP/WG.2/2013/4', 'CTOC/COP/WG.2/2016/4'],
	filters: { Body: 'WG.2', Years: '2013–2016', Empty: '' },
	corpusVersion: '2026-11-23',
	url: 'https://example.org/participation?body=WG.2'
};

describe('provenance texts', () => {
	it('source line lists the symbols then the corpus date', () => {
		expect(sourceLine(meta)).toBe(
			'Source: CTOC/COP/WG.2/2013/4; CTOC/COP/WG.2/2016/4; Rapporteur corpus of 2026-11-23'
		);
		expect(sourceLine({ sources: [], corpusVersion: 'v1' })).toBe('Source: Rapporteur corpus of v1');
	});

	it('filter line skips empty filters and is empty without any', () => {
		expect(filterLine(meta)).toBe('Filters: Body: WG.2; Years: 2013–2016');
		expect(filterLine({ filters: {} })).toBe('');
	});

	it('caption is one paragraph with title, subtitle, filters, sources and URL', () => {
		expect(caption(meta)).toBe(
			'Participation by meeting. The highest role each delegation had. Filters: Body: WG.2; Years: 2013–2016. ' +
				'Source: CTOC/COP/WG.2/2013/4; CTOC/COP/WG.2/2016/4; Rapporteur corpus of 2026-11-23. ' +
				'https://example.org/participation?body=WG.2'
		);
		expect(caption({ ...meta, subtitle: undefined, filters: {}, url: undefined, title: 'Done?' })).toBe(
			'Done? Source: CTOC/COP/WG.2/2013/4; CTOC/COP/WG.2/2016/4; Rapporteur corpus of 2026-11-23.'
		);
	});

	it('file names carry the figure id and corpus version, in safe characters', () => {
		expect(exportFileName(meta, 'csv')).toBe('rapporteur_participation-matrix_2026-11-23.csv');
		expect(
			exportFileName({ id: 'Côte d’Ivoire / x', corpusVersion: '2026-11-23 (sample data)' }, 'png')
		).toBe('rapporteur_cote-d-ivoire-x_2026-11-23-sample-data.png');
	});
});
