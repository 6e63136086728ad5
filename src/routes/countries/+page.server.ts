import { countryTablePageData, loadCountryTable } from './datasets.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => countryTablePageData(await loadCountryTable(url));
