import { corpusVersion } from '$lib/server/queries/corpus';
import {
	documentsDataset,
	meetingsLackingDataset,
	parseWarningsDataset,
	unresolvedNamesDataset
} from '../api/data/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { label } = await corpusVersion();
	const [documents, warnings, unresolved, lacking] = await Promise.all([
		documentsDataset(label),
		parseWarningsDataset(label),
		unresolvedNamesDataset(label),
		meetingsLackingDataset(label)
	]);
	return { documents, warnings, unresolved, lacking };
};
