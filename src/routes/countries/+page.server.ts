import { loadCountryTable } from './datasets.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => loadCountryTable(url);
