/**
 * GET /api/meetings/<id>: every record of one meeting as JSON (header, chairs, the other meeting of a
 * joint report, agenda, attendance, statements, panellists, documents, recommendations, paragraphs).
 *
 * One part as a dataset: `?part=attendance|agenda|statements|panellists|documents|recommendations|paragraphs`,
 * as JSON or with `&format=csv` as CSV. `?format=csv` without `part` serves the attendance list, the part
 * most often wanted in a spreadsheet. An unknown meeting is a 404, an unknown part or format a 400.
 */
import { error, json } from '@sveltejs/kit';
import { datasetResponse } from '$lib/server/dataset';
import { corpusVersion } from '$lib/server/queries/corpus';
import { meetingRecord } from '$lib/server/queries/meetings';
import { MEETING_PARTS, meetingPartDataset, quoteId, type MeetingPart } from '../datasets';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const part = url.searchParams.get('part');
	const format = url.searchParams.get('format') ?? 'json';
	if (part !== null && !(MEETING_PARTS as readonly string[]).includes(part))
		error(400, `Invalid value for "part": use one of ${MEETING_PARTS.join(', ')}`);
	if (format !== 'json' && format !== 'csv') error(400, `Invalid value for "format": use json or csv`);

	const [record, corpus] = await Promise.all([meetingRecord(params.id), corpusVersion()]);
	if (!record) error(404, `There is no meeting ${quoteId(params.id)} in the database.`);

	if (part === null && format === 'json') {
		return json({
			id: record.meeting.id,
			source: record.meeting.documentLabel,
			corpusVersion: corpus.label,
			...record
		});
	}
	return datasetResponse(
		meetingPartDataset(record, (part ?? 'attendance') as MeetingPart, corpus.label),
		url
	);
};
