/**
 * The Rapporteur database: one table per thing the parser finds, written by `ingest.ts` and read
 * by the web app. Every row traces back to its source: tables about a document carry
 * `document_id`; tables about a meeting carry `meeting_id` (and a meeting carries its
 * `document_id`); every extracted record carries `paragraph`, the paragraph number as printed,
 * which matches `paragraph.number` of the same document (so a chart value can show the text it
 * was counted from).
 *
 * Deliberately no FOREIGN KEY constraints and no UNIQUE/PRIMARY KEY on the large child tables:
 * DuckDB checks them row by row through ART indexes, which slows bulk appends and forbids the
 * delete-then-reinsert of a replaced document's parent rows in one transaction. The relations
 * below are documented in comments and kept by `ingest.ts`, which deletes a document's rows
 * through `document_id` (directly, or through `meeting.document_id`) before writing new ones.
 *
 * Column order matters: `ingest.ts` fills tables with the DuckDB appender, which appends by
 * position, and checks these names against its row layouts at start.
 */

/** Bumped when a table changes; an older database is then rebuilt from the files of the run. */
export const SCHEMA_VERSION = 3;

/** Tables in the order a document's rows are deleted (children before parents). */
export const TABLES = [
	'parse_warning',
	'paragraph',
	'cited_document',
	'document_before',
	'recommendation',
	'panellist',
	'statement',
	'attendance',
	'agenda_item',
	'chair',
	'meeting',
	'document',
	'body',
	'entity_alias',
	'entity'
] as const;

export type TableName = (typeof TABLES)[number];

/** Tables whose rows belong to a meeting (deleted through `meeting.document_id`). */
export const MEETING_TABLES = [
	'document_before',
	'recommendation',
	'panellist',
	'statement',
	'attendance',
	'agenda_item',
	'chair'
] as const satisfies readonly TableName[];

/** Tables whose rows belong to a document directly. */
export const DOCUMENT_TABLES = [
	'parse_warning',
	'paragraph',
	'cited_document'
] as const satisfies readonly TableName[];

export const SCHEMA_SQL = `
-- One row per ingested file. id is the file name without its extension (stable across runs, used
-- in URLs); file_name is unique, and sha256 decides whether a re-ingest must replace the rows.
CREATE TABLE IF NOT EXISTS document (
	id VARCHAR PRIMARY KEY,
	file_name VARCHAR NOT NULL UNIQUE,
	sha256 VARCHAR NOT NULL,
	bytes INTEGER NOT NULL,
	kind VARCHAR NOT NULL,               -- report | provisional_agenda | unknown
	symbol VARCHAR,                      -- e.g. CTOC/COP/WG.2/2013/4
	title VARCHAR,
	label VARCHAR NOT NULL,              -- how charts cite it: symbol, or "WG.2 report of 13 June 2023"
	distribution_date DATE,
	text VARCHAR NOT NULL,               -- decoded text, LF line ends
	parsed_at TIMESTAMP NOT NULL         -- UTC
);

-- Bodies meeting under the Convention: WG.2, WG.3, ... Shared by all documents, never deleted.
CREATE TABLE IF NOT EXISTS body (
	code VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL
);

-- One row per body per document: a joint report of WG.3 and WG.2 yields two meetings.
-- id = body code slug + start date ("wg2-2013-10-28"); a document other than a report adds its
-- kind ("wg3-2016-10-17-agenda"), a meeting without a date uses the document id, and an id taken
-- by another document gets "~<document id>" appended (with a parse_warning saying so).
CREATE TABLE IF NOT EXISTS meeting (
	id VARCHAR PRIMARY KEY,
	document_id VARCHAR NOT NULL,        -- document.id
	body_code VARCHAR NOT NULL,          -- body.code
	start_date DATE,
	end_date DATE,
	year INTEGER,                        -- of start_date, for grouping
	venue VARCHAR,
	format VARCHAR,                      -- in person | hybrid | remote
	meetings_held INTEGER
);

CREATE TABLE IF NOT EXISTS chair (
	meeting_id VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	country VARCHAR,                     -- as written
	entity_id VARCHAR,                   -- country resolved against entity.id, NULL when unresolved
	role VARCHAR NOT NULL,               -- chair | co-chair
	paragraph VARCHAR,
	sort_order INTEGER NOT NULL
);

-- Natural key (meeting_id, number).
CREATE TABLE IF NOT EXISTS agenda_item (
	meeting_id VARCHAR NOT NULL,
	number VARCHAR NOT NULL,             -- "2", "1 (a)"
	parent VARCHAR,                      -- "1" for "1 (a)"
	title VARCHAR NOT NULL,
	"joint" BOOLEAN NOT NULL,            -- shared by the bodies of a joint report
	sort_order INTEGER NOT NULL
);

-- The reference table (data/reference/entities.csv), reloaded by every ingest run.
CREATE TABLE IF NOT EXISTS entity (
	id VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	iso3 VARCHAR,
	regional_group VARCHAR
);

CREATE TABLE IF NOT EXISTS entity_alias (
	alias VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL           -- entity.id
);

-- Who attended. A report lists attendance once for the document; for a joint report that list
-- is stored once per meeting (per body), because each working group counts its own participants
-- and every participation query then joins attendance to one meeting without special cases.
-- Queries over documents (not meetings) must count DISTINCT document_id through meeting.
CREATE TABLE IF NOT EXISTS attendance (
	meeting_id VARCHAR NOT NULL,
	name_as_written VARCHAR NOT NULL,
	entity_id VARCHAR,                   -- NULL when the name did not resolve
	category VARCHAR NOT NULL,           -- state_party | reio | signatory | ...
	paragraph VARCHAR,
	sort_order INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS statement (
	meeting_id VARCHAR NOT NULL,
	item VARCHAR,                        -- agenda item number, a span "2-4", or NULL for general
	speaker_as_written VARCHAR NOT NULL,
	entity_id VARCHAR,
	on_behalf_of VARCHAR,                -- "Group of 77 and China", as written
	paragraph VARCHAR,
	sort_order INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS panellist (
	meeting_id VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	country VARCHAR,
	entity_id VARCHAR,                   -- country resolved
	"function" VARCHAR,
	item VARCHAR,
	paragraph VARCHAR,
	sort_order INTEGER NOT NULL
);

-- id = meeting_id || ':' || label, stable across re-ingests of the same document.
CREATE TABLE IF NOT EXISTS recommendation (
	id VARCHAR PRIMARY KEY,
	meeting_id VARCHAR NOT NULL,
	label VARCHAR NOT NULL,              -- unique within the meeting: "7", "(a)", "A (b)"
	printed_label VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,               -- recommendation | discussion_point
	section VARCHAR,
	text VARCHAR NOT NULL,
	addressees VARCHAR[] NOT NULL,       -- States | UNODC | Conference | ...
	strength VARCHAR,                    -- should | encouraged | ...
	subject_to_extrabudgetary BOOLEAN NOT NULL,
	paragraph VARCHAR,
	sort_order INTEGER NOT NULL
);

-- Documents the meeting had before it (its document list).
CREATE TABLE IF NOT EXISTS document_before (
	meeting_id VARCHAR NOT NULL,
	symbol VARCHAR NOT NULL,
	title VARCHAR,
	item VARCHAR,
	sort_order INTEGER NOT NULL
);

-- Every symbol cited anywhere in the document, in order of first appearance.
CREATE TABLE IF NOT EXISTS cited_document (
	document_id VARCHAR NOT NULL,
	symbol VARCHAR NOT NULL,
	sort_order INTEGER NOT NULL
);

-- The text, paragraph by paragraph; (document_id, number) is what records point at.
CREATE TABLE IF NOT EXISTS paragraph (
	document_id VARCHAR NOT NULL,
	number VARCHAR,                      -- NULL for unnumbered text (annexes, annotations)
	inferred BOOLEAN NOT NULL,           -- number lost in conversion and inferred
	chapter VARCHAR,
	section VARCHAR,
	body_code VARCHAR,                   -- NULL when common to all bodies of a joint report
	item VARCHAR,
	text VARCHAR NOT NULL,
	sort_order INTEGER NOT NULL
);

-- What the parser (or the ingest) could not make sense of, per document.
CREATE TABLE IF NOT EXISTS parse_warning (
	document_id VARCHAR NOT NULL,
	message VARCHAR NOT NULL,
	sort_order INTEGER NOT NULL
);
`;

/** SQL expression naming a document as a citation (see documentLabel in ingest.ts); over `document d`. */
export const DOCUMENT_LABEL_SQL = `d.label`;

/**
 * Tables computed from the ones above by every ingest that writes the database
 * (`participation-aggregates/`), rebuilt whole, never appended to. They hold what the Overview and
 * Participation pages count, so that a request filters a few thousand rows instead of joining
 * attendance, statements, panellists and chairs again.
 */
export const AGGREGATE_TABLES = [
	'reported_meeting',
	'meeting_participation',
	'meeting_group_count',
	'meeting_item',
	'item_speaker'
] as const;

export const AGGREGATE_SCHEMA_SQL = `
-- One row per meeting with a report (a provisional agenda says nothing about who came). ord numbers
-- them in the order of every per-meeting chart and table: start date (nulls last), body code
-- descending, id; the other aggregate tables name their meeting by ord.
CREATE OR REPLACE TABLE reported_meeting (
	ord INTEGER NOT NULL,
	id VARCHAR NOT NULL,                 -- meeting.id
	body_code VARCHAR NOT NULL,
	year INTEGER,
	format VARCHAR,
	document_id VARCHAR NOT NULL,
	venue VARCHAR,
	start_date VARCHAR,                  -- YYYY-MM-DD
	end_date VARCHAR,
	label VARCHAR NOT NULL,              -- "WG.2 Oct 2013"
	source VARCHAR NOT NULL,             -- document.label
	recommendations INTEGER NOT NULL,
	attendance_paragraph VARCHAR,        -- of the meeting's first attendance row
	statement_paragraph VARCHAR,         -- of its first statement
	first_recommendation VARCHAR         -- label of its first recommendation
);

-- One row per reported meeting and participant: whoever the report lists as attending, making a
-- statement, on a panel or in the chair. who is the entity id, or '?' || the name as written when
-- the name did not resolve. category is the attendance category (for one who spoke without being
-- listed: by entity kind, else 'other'); speaker_kind groups the statements chart.
CREATE OR REPLACE TABLE meeting_participation (
	ord INTEGER NOT NULL,                -- reported_meeting.ord
	meeting_id VARCHAR NOT NULL,
	who VARCHAR NOT NULL,
	entity_id VARCHAR,
	iso3 VARCHAR,
	kind VARCHAR,
	name VARCHAR NOT NULL,               -- reference name, else as written
	written VARCHAR,                     -- as the attendance list (else the statements) print it
	is_state BOOLEAN NOT NULL,           -- entity kind state or observer_state
	regional_group VARCHAR,
	category VARCHAR NOT NULL,
	speaker_kind VARCHAR NOT NULL,       -- States | European Union | Organizations | Other
	attended BOOLEAN NOT NULL,
	spoke BOOLEAN NOT NULL,
	panellist BOOLEAN NOT NULL,
	chaired BOOLEAN NOT NULL,
	statements INTEGER NOT NULL          -- statement rows (speaker x item x paragraph)
);

-- meeting_participation counted per meeting and by every column a filter or a chart groups by.
CREATE OR REPLACE TABLE meeting_group_count (
	ord INTEGER NOT NULL,
	regional_group VARCHAR,
	category VARCHAR NOT NULL,
	is_state BOOLEAN NOT NULL,
	speaker_kind VARCHAR NOT NULL,
	attended INTEGER NOT NULL,           -- participants listed as attending
	spoke INTEGER NOT NULL,              -- participants that made a statement
	attended_spoke INTEGER NOT NULL,     -- both
	statements INTEGER NOT NULL
);

-- The rows of the per-item silence table: a meeting's top-level agenda items, and every other
-- item value its statements were recorded under (a span "2-4", or NULL for no item).
CREATE OR REPLACE TABLE meeting_item (
	ord INTEGER NOT NULL,
	item VARCHAR,
	title VARCHAR,                       -- NULL for a span or no item
	item_order DOUBLE NOT NULL,          -- a span sorts just after the item it starts with
	paragraph VARCHAR                    -- first statement under the item
);

-- Who made a statement under which item (or span) of a meeting, once each.
CREATE OR REPLACE TABLE item_speaker (
	ord INTEGER NOT NULL,
	item VARCHAR,
	who VARCHAR NOT NULL
);
`;
