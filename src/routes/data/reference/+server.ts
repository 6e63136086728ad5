/**
 * GET /data/reference: the reference table's README (data/reference/README.md) as plain text, so the
 * Data page can link to how names are resolved. Bundled at build time: the server needs no data/ folder.
 */
import readme from '../../../../data/reference/README.md?raw';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(readme, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
