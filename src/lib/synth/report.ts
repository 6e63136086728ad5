/**
 * One synthetic meeting report: what the meeting was (bodies, dates, attendees, chairs, agenda,
 * recommendations) drawn from a seeded PRNG, then written out in one of the layouts of the real
 * corpus. The generator returns the facts it wrote (`truth`) with the text, so a test can check
 * that the parser reads back what was put in.
 *
 * Pure: the reference entities come in as an argument (the script reads entities.csv).
 */
import type { ReferenceEntity } from '../ingest/names';
import type { AttendanceCategory, MeetingFormat, RecommendationKind } from '../ingest/types';
import { addDays, dayMonth, isoDate, longDate, shortRange, startDay, titleRange, weekday } from './dates';
import { render, type Head, type Item, type Layout, type Node } from './layout';
import { existsIn, organizationForms, printedForms } from './printed-names';
import { mixSeed, Random } from './random';
import {
	ADDRESSEES,
	BODIES,
	bodyByCode,
	COMMON_TOPICS,
	EMPHASIS,
	FAMILY_NAMES,
	GIVEN_NAMES,
	JOINT_PAIRS,
	MODALS,
	NGO_NAMES,
	NUMBER_WORDS,
	ORDINAL_WORDS,
	QUANTIFIERS,
	topicByKey,
	type SynthBody,
	type Topic
} from './vocabulary';

/** The five layouts of the real corpus. */
export type SynthLayout = 'markdown' | 'plain' | 'pdf' | 'joint' | 'agenda';
export const SYNTH_LAYOUTS: readonly SynthLayout[] = ['markdown', 'plain', 'pdf', 'joint', 'agenda'];

export interface SynthAttendee {
	/** As printed. */
	name: string;
	entityId: string | null;
	category: AttendanceCategory;
}

/** What the generator wrote: the parser must read the same back. */
export interface SynthTruth {
	layout: SynthLayout;
	kind: 'report' | 'provisional_agenda';
	year: number;
	bodies: string[];
	meetings: { body: string; startDate: string; endDate: string }[];
	format: MeetingFormat | null;
	attendees: SynthAttendee[];
	recommendations: number;
	recommendationKind: RecommendationKind | null;
	/** Statement records: one per speaker per body the sentence is about. */
	statements: number;
	chairs: { body: string; name: string }[];
	/** Agenda items (sub-items included) over all bodies. */
	agendaItems: number;
}

export interface SynthReport {
	fileName: string;
	text: string;
	truth: SynthTruth;
}

export interface SynthOptions {
	/** Force a layout (tests cover each); otherwise drawn with the mix of a real archive. */
	layout?: SynthLayout;
}

/** Document `index` of the corpus of `seed`: the same text on every run and machine. */
export function generateReport(
	seed: number,
	index: number,
	entities: readonly ReferenceEntity[],
	options: SynthOptions = {}
): SynthReport {
	const rng = new Random(mixSeed(seed, index));
	const layout = options.layout ?? drawLayout(rng);
	const start = startDay(seed, index);
	const ctx = new Context(rng, entities, start.getUTCFullYear());
	const doc = layout === 'agenda' ? provisionalAgenda(ctx, start) : report(ctx, start, layout);
	const slug = doc.truth.bodies.map((b) => b.toLowerCase().replace(/\./g, '')).join('-');
	const ext = layout === 'markdown' || layout === 'agenda' ? 'md' : 'txt';
	const fileName = `synth-${seed}-${String(index).padStart(5, '0')}-${isoDate(start).slice(0, 7)}-${slug}-${layout}.${ext}`;
	return { fileName, text: doc.text, truth: { ...doc.truth, layout } };
}

function drawLayout(rng: Random): SynthLayout {
	const r = rng.float();
	if (r < 0.3) return 'markdown';
	if (r < 0.55) return 'plain';
	if (r < 0.8) return 'pdf';
	if (r < 0.9) return 'joint';
	return 'agenda';
}

/** The draws shared by the parts of one document. */
class Context {
	readonly states: ReferenceEntity[];
	readonly observerStates: ReferenceEntity[];
	readonly igos: ReferenceEntity[];
	readonly unEntities: ReferenceEntity[];
	readonly groups: ReferenceEntity[];
	readonly eu: ReferenceEntity | undefined;

	constructor(
		readonly rng: Random,
		entities: readonly ReferenceEntity[],
		readonly year: number
	) {
		const live = entities.filter((e) => existsIn(e, year));
		this.states = live.filter((e) => e.kind === 'state');
		this.observerStates = live.filter((e) => e.kind === 'observer_state');
		this.igos = live.filter((e) => e.kind === 'igo');
		// UNODC is the secretariat and UNOV the host: neither attends its own meeting as an observer.
		this.unEntities = live.filter((e) => e.kind === 'un_entity' && e.id !== 'unodc' && e.id !== 'unov');
		this.groups = live.filter((e) => e.kind === 'group');
		this.eu = live.find((e) => e.kind === 'reio');
	}

	/** A State's name as this year's reports print it; `prose` avoids parentheses. */
	stateName(e: ReferenceEntity, prose = false): string {
		return this.rng.pick(printedForms(e, this.year, prose));
	}

	/** Lists print the first (parenthetical) form, as reports do. */
	listName(e: ReferenceEntity): string {
		return printedForms(e, this.year)[0]!;
	}

	/** The negotiating group a State may speak for: its regional group, or the Group of 77 and China. */
	groupOf(e: ReferenceEntity): ReferenceEntity | undefined {
		const id = e.regionalGroup ? REGIONAL_GROUP_IDS[e.regionalGroup] : undefined;
		const wanted = e.regionalGroup !== 'Western European and other' && this.rng.chance(0.4) ? 'g77' : id;
		return this.groups.find((g) => g.id === wanted);
	}

	person(): string {
		return `${this.rng.pick(GIVEN_NAMES)} ${this.rng.pick(FAMILY_NAMES)}`;
	}
}

const REGIONAL_GROUP_IDS: Record<string, string> = {
	African: 'african-group',
	'Asia-Pacific': 'asia-pacific-group',
	'Eastern European': 'eastern-european-group',
	'Latin American and Caribbean': 'grulac',
	'Western European and other': 'weog'
};

/** "A, B and C". */
function andList(names: string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function ordinal(n: number): string {
	const suffix =
		n % 10 === 1 && n !== 11
			? 'st'
			: n % 10 === 2 && n !== 12
				? 'nd'
				: n % 10 === 3 && n !== 13
					? 'rd'
					: 'th';
	return `${n}${suffix}`;
}

function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Lettered labels as UN reports print them: (a) ... (z), then (aa), (bb) ... */
function letter(i: number): string {
	const c = String.fromCharCode(97 + (i % 26));
	return `(${i < 26 ? c : c + c})`;
}

// ---------------------------------------------------------------------------------------------
// The meeting

interface Agenda {
	body: SynthBody;
	/** Top-level items; sub-items under `subs`. */
	items: { title: string; topic: Topic | null; subs: string[]; joint: boolean }[];
}

interface Plan {
	bodies: SynthBody[];
	dates: { start: Date; end: Date }[];
	format: MeetingFormat;
	topics: Topic[];
	agendas: Agenda[];
	attendees: SynthAttendee[];
	/** Attending States parties, for statements. */
	parties: ReferenceEntity[];
	signatories: ReferenceEntity[];
	chairs: { name: string; country: string; body: SynthBody }[];
	coChaired: boolean;
	session: number;
}

function topicsFor(ctx: Context, bodies: SynthBody[], count: number): Topic[] {
	const keys = [...new Set([...bodies.flatMap((b) => b.ownTopics), ...COMMON_TOPICS])];
	const fitting = keys.map(topicByKey).filter((t) => ctx.year >= t.from && ctx.year <= t.to);
	// The body's own topics first: a firearms group mostly talks about firearms.
	const own = ctx.rng.shuffle(fitting.filter((t) => bodies.some((b) => b.ownTopics.includes(t.key))));
	const common = ctx.rng.shuffle(fitting.filter((t) => !own.includes(t)));
	const mixed = ctx.rng.chance(0.7) ? [...own, ...common] : ctx.rng.shuffle([...own, ...common]);
	return mixed.slice(0, count);
}

function drawFormat(ctx: Context): MeetingFormat {
	if (ctx.year >= 2020 && ctx.year <= 2022) return ctx.rng.chance(0.25) ? 'remote' : 'hybrid';
	if (ctx.year >= 2023) return ctx.rng.chance(0.4) ? 'hybrid' : 'in person';
	return 'in person';
}

/** The same person chairs a body for a few years running (as Thomas Burrows did WG.2 2017-2023). */
function chairOf(
	ctx: Context,
	body: SynthBody,
	offset: number
): { name: string; country: string; body: SynthBody } {
	const r = new Random(mixSeed('chair', body.code, Math.floor(ctx.year / 3), offset));
	const country = r.pick(ctx.states);
	const name = `${r.pick(GIVEN_NAMES)} ${r.pick(FAMILY_NAMES)}`;
	return { name, country: r.pick(printedForms(country, ctx.year, true)), body };
}

function plan(ctx: Context, start: Date, bodies: SynthBody[]): Plan {
	const { rng } = ctx;
	const isCop = bodies[0]!.code === 'COP';
	const maxDays = Math.max(2, Math.min(isCop ? 5 : 3, 5 - weekday(start)));
	const days = isCop ? maxDays : rng.int(2, maxDays);
	const end = addDays(start, days - 1);
	const dates = bodies.map((_, i) =>
		i > 0 && days > 1 && rng.chance(0.7) ? { start: addDays(start, 1), end } : { start, end }
	);
	const joint = bodies.length > 1;
	const topics = topicsFor(ctx, bodies, rng.int(joint ? 3 : 2, 4));
	// In a joint report the first topic may be a joint item of both bodies; the others are split.
	const shared = joint && rng.chance(0.5);
	const agendas = bodies.map((body, bi) => {
		if (!joint) return agendaOf(body, false, topics, false);
		const own = topics.slice(1).filter((_, i) => i % 2 === bi);
		return agendaOf(body, true, shared || bi === 0 ? [topics[0]!, ...own] : own, shared);
	});

	const chairs = bodies.map((b) => chairOf(ctx, b, 0));
	const coChaired = bodies.length === 1 && !isCop && ctx.year >= 2019 && rng.chance(0.3);
	if (coChaired) chairs.push(chairOf(ctx, bodies[0]!, 1));
	if (bodies.length > 1 && rng.chance(0.5)) chairs[1] = { ...chairs[0]!, body: bodies[1]! };

	const { attendees, parties, signatories } = drawAttendees(ctx, isCop, chairs);
	return {
		bodies,
		dates,
		format: drawFormat(ctx),
		topics,
		agendas,
		attendees,
		parties,
		signatories,
		chairs,
		coChaired,
		session: Math.max(1, Math.floor((ctx.year - 1999) / 2))
	};
}

function agendaOf(body: SynthBody, joint: boolean, topics: Topic[], firstShared: boolean): Agenda {
	const opening = body.code === 'COP' ? 'Opening of the session' : 'Opening of the meeting';
	const items: Agenda['items'] = [
		{
			title: 'Organizational matters',
			topic: null,
			subs: [opening, 'Adoption of the agenda and organization of work'],
			joint: false
		}
	];
	for (const [i, t] of topics.entries())
		items.push({ title: t.title, topic: t, subs: [], joint: firstShared && i === 0 });
	items.push({ title: 'Other matters', topic: null, subs: [], joint });
	items.push({ title: 'Adoption of the report', topic: null, subs: [], joint });
	return { body, items };
}

function drawAttendees(
	ctx: Context,
	isCop: boolean,
	chairs: { country: string }[]
): { attendees: SynthAttendee[]; parties: ReferenceEntity[]; signatories: ReferenceEntity[] } {
	const { rng } = ctx;
	const total = isCop ? rng.int(120, 190) : rng.int(40, 190);
	const nSignatories = rng.int(0, 3);
	const observers = rng.sample(ctx.observerStates, rng.int(0, ctx.observerStates.length));
	const withEu = rng.chance(0.85) && ctx.eu !== undefined;
	const nIgos = Math.min(ctx.igos.length, rng.int(0, Math.round(total / 10)));
	const nUn = Math.min(ctx.unEntities.length, rng.int(0, Math.round(total / 25)));
	const nNgos = rng.chance(0.3) ? rng.int(1, 3) : 0;
	const nParties = Math.max(
		30,
		total - nSignatories - observers.length - (withEu ? 1 : 0) - nIgos - nUn - nNgos
	);

	// The chairs' countries attend: a chair is a member of a delegation.
	const chairStates = ctx.states.filter((s) =>
		chairs.some((c) => printedForms(s, ctx.year, true).includes(c.country))
	);
	const others = rng.shuffle(ctx.states.filter((s) => !chairStates.includes(s)));
	const parties = [...chairStates, ...others.slice(0, nParties - chairStates.length)];
	const signatories = others.slice(
		nParties - chairStates.length,
		nParties - chairStates.length + nSignatories
	);

	const attendees: SynthAttendee[] = [
		...parties.map((e) => ({ name: ctx.listName(e), entityId: e.id, category: 'state_party' as const })),
		...signatories.map((e) => ({ name: ctx.listName(e), entityId: e.id, category: 'signatory' as const })),
		...observers.map((e) => ({
			name: e.name,
			entityId: e.id,
			category: 'non_member_observer_state' as const
		})),
		...(withEu && ctx.eu ? [{ name: ctx.eu.name, entityId: ctx.eu.id, category: 'reio' as const }] : []),
		...rng
			.sample(ctx.igos, nIgos)
			.map((e) => ({ name: rng.pick(organizationForms(e)), entityId: e.id, category: 'igo' as const })),
		...rng
			.sample(ctx.unEntities, nUn)
			.map((e) => ({ name: rng.pick(organizationForms(e)), entityId: e.id, category: 'un_entity' as const })),
		...rng.sample(NGO_NAMES, nNgos).map((name) => ({ name, entityId: null, category: 'ngo' as const }))
	];
	return { attendees, parties, signatories };
}

// ---------------------------------------------------------------------------------------------
// Reports

interface Written {
	text: string;
	truth: Omit<SynthTruth, 'layout'>;
}

type RecStyle = 'numbered' | 'lettered' | 'labelled' | 'discussion';

function report(ctx: Context, start: Date, layout: SynthLayout): Written {
	const { rng } = ctx;
	let bodies: SynthBody[];
	if (layout === 'joint') bodies = rng.pick(JOINT_PAIRS).map(bodyByCode);
	else bodies = [rng.chance(0.1) ? bodyByCode('COP') : rng.pick(BODIES.filter((b) => b.code !== 'COP'))];
	const p = plan(ctx, start, bodies);
	const isCop = bodies[0]!.code === 'COP';
	const render_: Layout = layout === 'markdown' ? 'markdown' : layout === 'plain' ? 'plain' : 'pdf';

	// Recommendations: 0-60 in all, mostly a dozen or two; the Conference adopts resolutions instead.
	const total = isCop || rng.chance(0.15) ? 0 : Math.max(1, Math.round(60 * rng.float() ** 1.6));
	const styles: RecStyle[] =
		layout === 'markdown'
			? ['numbered', 'discussion', 'lettered']
			: layout === 'plain'
				? ['labelled', 'numbered', 'lettered']
				: layout === 'pdf'
					? ['lettered', 'numbered']
					: ['lettered'];
	const style = rng.pick(styles);

	const w = new Writer(ctx, p, render_);
	w.introduction();
	const recs = total > 0 && style !== 'discussion' ? w.recommendations(style, total) : 0;
	if (style === 'discussion' && total > 0) w.futureConsiderations();
	const organizationFirst = layout === 'markdown' && rng.chance(0.6);
	if (organizationFirst) w.organization(isCop);
	w.deliberations();
	if (!organizationFirst) w.organization(isCop);
	w.adoption();
	const points = style === 'discussion' && total > 0 ? w.discussionPoints(total) : 0;

	const head: Head = {
		symbol: render_ === 'pdf' && rng.chance(0.5) ? symbolOf(ctx, bodies) : null,
		distribution: longDate(addDays(p.dates[0]!.end, rng.int(7, 30))),
		preamble:
			bodies.length > 1
				? bodies.flatMap((b, i) => [
						b.name,
						`Vienna, ${shortRange(p.dates[i]!.start, p.dates[i]!.end, rng.pick(['–', '-']))}`
					])
				: [],
		title: titleOf(p, isCop)
	};
	const job = `V.${String(p.dates[0]!.end.getUTCFullYear()).slice(2)}-${String(rng.int(1000, 99999)).padStart(5, '0')}`;
	const text = render(head, w.nodes, render_, rng, job);
	return {
		text,
		truth: {
			kind: 'report',
			year: ctx.year,
			bodies: bodies.map((b) => b.code),
			meetings: bodies.map((b, i) => ({
				body: b.code,
				startDate: isoDate(p.dates[i]!.start),
				endDate: isoDate(p.dates[i]!.end)
			})),
			format: p.format,
			attendees: p.attendees,
			recommendations: recs + points,
			recommendationKind: recs ? 'recommendation' : points ? 'discussion_point' : null,
			statements: w.statementCount,
			chairs: p.chairs.map((c) => ({ body: c.body.code, name: c.name })),
			agendaItems: p.agendas.reduce((n, a) => n + a.items.reduce((m, i) => m + 1 + i.subs.length, 0), 0)
		}
	};
}

function symbolOf(ctx: Context, bodies: SynthBody[]): string {
	const n = ctx.rng.int(3, 6);
	return bodies.map((b) => `${b.symbol}/${ctx.year}/${n}`).join('-');
}

function titleOf(p: Plan, isCop: boolean): string {
	const start = p.dates.reduce((a, d) => (d.start < a ? d.start : a), p.dates[0]!.start);
	const end = p.dates[0]!.end;
	if (isCop) {
		return `Report of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime on its ${ORDINAL_WORDS[Math.min(20, p.session)]} session, held in Vienna ${titleRange(start, end)}`;
	}
	const names = p.bodies.map((b) => `the ${b.name}`).join(' and ');
	return `Report on the meeting${p.bodies.length > 1 ? 's' : ''} of ${names} held in Vienna ${titleRange(start, end)}`;
}

/** Writes the outline of a report, chapter by chapter, counting what it writes. */
class Writer {
	readonly nodes: Node[] = [];
	statementCount = 0;
	private readonly rng: Random;
	private readonly isCop: boolean;
	private readonly joint: boolean;

	constructor(
		private readonly ctx: Context,
		private readonly p: Plan,
		private readonly layout: Layout
	) {
		this.rng = ctx.rng;
		this.isCop = p.bodies[0]!.code === 'COP';
		this.joint = p.bodies.length > 1;
	}

	private chapter(text: string) {
		this.nodes.push({ k: 'chapter', text });
	}
	private section(text: string) {
		this.nodes.push({ k: 'section', text });
	}
	private para(text: string, extra: Partial<Extract<Node, { k: 'para' }>> = {}) {
		this.nodes.push({ k: 'para', text, ...extra });
	}

	/** "the Working Group", or in a joint report the body's full name. */
	private who(body: SynthBody): string {
		if (this.isCop) return 'the Conference';
		return this.joint ? `the ${body.name}` : 'the Working Group';
	}

	private resolution(): string {
		return `${Math.max(1, this.p.session - this.rng.int(0, 2))}/${this.rng.int(1, 6)}`;
	}

	introduction() {
		this.chapter('Introduction');
		for (const body of this.p.bodies) {
			if (this.isCop) {
				this.para(
					'The Conference of the Parties to the United Nations Convention against Transnational Organized Crime was established in accordance with article 32 of the Convention to improve the capacity of States parties to combat transnational organized crime and to promote and review the implementation of the Convention.'
				);
			} else {
				this.para(
					`The ${body.name} was established pursuant to decision ${body.decision} of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime. In a later decision, the Conference decided that the Working Group should be a constant element of the Conference.`
				);
			}
		}
		const n = this.rng.int(2, 4);
		for (let i = 0; i < n; i++) {
			const topic = this.rng.pick(this.p.topics);
			this.para(
				`${i === 0 ? 'In' : this.rng.pick(['Furthermore, in', 'Moreover, in', 'Lastly, in'])} its resolution ${this.resolution()}, entitled “${topic.title}”, the Conference requested the United Nations Office on Drugs and Crime (UNODC), within its mandate, to continue to provide technical assistance to States parties, upon request, in the area of ${this.rng.pick(topic.phrases)}.`
			);
		}
	}

	/** Chapter II in one of three printed styles; returns how many recommendations it wrote. */
	recommendations(style: Exclude<RecStyle, 'discussion'>, total: number): number {
		this.chapter('Recommendations');
		if (this.joint) return this.jointRecommendations(total);
		const sections = Math.min(this.p.topics.length, total < 4 ? 1 : this.rng.int(1, 3));
		const counts = split(total, sections, this.rng);
		let written = 0;
		if (style === 'numbered') {
			if (this.rng.chance(0.5) && total > 1) {
				this.para(
					`The Working Group recommended that the Conference, at its next session, should consider ${this.rng.pick(this.p.topics[0]!.phrases)}.`
				);
				written++;
				counts[0]!--;
			}
			this.para('The Working Group also adopted the recommendations presented below.');
			for (let s = 0; s < sections; s++) {
				const topic = this.p.topics[s]!;
				if (sections > 1 || this.rng.chance(0.5)) this.section(topic.title);
				for (let i = 0; i < counts[s]!; i++) {
					this.para(this.recommendation(topic), { losable: false });
					written++;
				}
			}
		} else if (style === 'labelled') {
			this.para(
				`At its meeting held in Vienna ${titleRange(this.p.dates[0]!.start, this.p.dates[0]!.end)}, the Working Group adopted the recommendations set out below for endorsement by the Conference.`
			);
			let label = 1;
			for (let s = 0; s < sections; s++) {
				const topic = this.p.topics[s]!;
				this.section(
					s === 0 && sections > 1 ? 'General recommendations' : `Recommendations on ${lower(topic.title)}`
				);
				this.para(
					'The Working Group recommended that the Conference consider the following recommendations for adoption:'
				);
				for (let i = 0; i < counts[s]!; i++) {
					this.nodes.push({ k: 'label', text: `Recommendation ${label++}` });
					this.nodes.push({ k: 'text', text: this.recommendation(topic) });
					written++;
				}
			}
		} else {
			// Lettered: one list, or one per heading when it would run past (z).
			const lists = total > 26 ? Math.ceil(total / 26) : sections;
			const perList = split(total, lists, this.rng);
			for (let s = 0; s < lists; s++) {
				const topic = this.p.topics[s % this.p.topics.length]!;
				if (lists > 1) {
					const again = s >= this.p.topics.length ? ' (continued)' : '';
					this.section(`Recommendations on ${lower(topic.title)}${again}`);
				}
				this.para(
					'The Working Group adopted the following recommendations for endorsement by the Conference:',
					{
						items: this.letteredRecs(topic, perList[s]!)
					}
				);
				written += perList[s]!;
			}
		}
		return written;
	}

	private jointRecommendations(total: number): number {
		const counts = split(total, this.p.bodies.length, this.rng);
		let written = 0;
		this.p.bodies.forEach((body, i) => {
			if (counts[i] === 0) return;
			this.section(body.name);
			this.para(`The ${body.name} adopted the following recommendations for endorsement by the Conference:`, {
				items: this.letteredRecs(this.rng.pick(this.p.topics), counts[i]!)
			});
			written += counts[i]!;
		});
		return written;
	}

	private letteredRecs(topic: Topic, n: number): Item[] {
		return Array.from({ length: n }, (_, i) => ({
			label: letter(i),
			text: this.recommendation(i % 3 === 2 ? this.rng.pick(this.p.topics) : topic).replace(
				/\.$/,
				i === n - 1 ? '.' : ';'
			)
		}));
	}

	private recommendation(topic: Topic): string {
		const who = this.rng.pick(ADDRESSEES);
		const modal = who === 'UNODC' || who === 'The Secretariat' ? 'should' : this.rng.pick(MODALS);
		const action = this.rng.pick(topic.actions);
		const budget = this.rng.chance(0.2) ? ', subject to the availability of extrabudgetary resources' : '';
		const tail = this.rng.chance(0.4) ? `, with a view to ${this.rng.pick(topic.phrases)}` : '';
		return `${who} ${modal} ${action}${budget}${tail}.`;
	}

	futureConsiderations() {
		this.chapter('Future considerations');
		this.para(
			'At its 1st meeting, there was no consensus on whether the Working Group should issue recommendations at the meeting. The Working Group agreed to put the recommendations on hold until the States parties had had an opportunity to reach a consensus on the organization of work.'
		);
		this.para(
			'On the basis of the meeting, the Chair of the Working Group, in consultation with the Secretariat, prepared discussion points for future consideration (see annex).'
		);
	}

	discussionPoints(total: number): number {
		const name = this.p.bodies[0]!.name;
		this.nodes.push({
			k: 'annex',
			title: `Discussion points for future consideration identified by the Chair of the ${name}`
		});
		const sections = Math.max(Math.ceil(total / 26), Math.min(this.p.topics.length, this.rng.int(1, 3)));
		const counts = split(total, sections, this.rng);
		for (let s = 0; s < sections; s++) {
			const topic = this.p.topics[s % this.p.topics.length]!;
			this.nodes.push({
				k: 'annex-section',
				text: s < this.p.topics.length ? topic.title : `${topic.title} (${s})`
			});
			this.nodes.push({
				k: 'text',
				text: `Stemming from the meeting, the following discussion points for future consideration were identified by the Chair of the ${name}:`
			});
			for (const item of this.letteredRecs(topic, counts[s]!))
				this.nodes.push({ k: 'text', text: `${item.label} ${item.text}` });
		}
		return total;
	}

	deliberations() {
		this.chapter('Summary of deliberations');
		if (this.rng.chance(0.3)) {
			this.para(
				'The following summary of deliberations was prepared by the Secretariat after the meeting, in close coordination with the Chair. The summary was not subject to negotiation and adoption during the meeting.'
			);
		}
		let meeting = 1;
		for (const agenda of this.p.agendas) {
			if (this.joint) this.section(agenda.body.name);
			for (const [n, item] of agenda.items.entries()) {
				if (!item.topic && item.title !== 'Other matters') continue;
				if (this.joint) this.nodes.push({ k: 'sub', text: item.title });
				else this.section(item.title);
				const day = addDays(this.p.dates[0]!.start, Math.min(meeting >> 1, dayCount(this.p) - 1));
				this.para(
					`At its ${ordinal(meeting)} meeting, on ${dayMonth(day)}${this.rng.chance(0.5) ? ` ${day.getUTCFullYear()}` : ''}, ${this.who(agenda.body)} considered agenda item ${n + 1}, entitled “${item.title}”.`
				);
				meeting++;
				if (!item.topic) {
					this.para(
						`Under the agenda item, the Secretariat delivered a presentation on ${this.rng.pick(this.p.topics[0]!.phrases)}.`,
						{
							losable: true
						}
					);
					continue;
				}
				this.para(
					`For its consideration of item ${n + 1}, ${this.who(agenda.body)} had before it a background paper prepared by the Secretariat on ${item.topic.paper} (${agenda.body.symbol}/${this.ctx.year}/${n}).`
				);
				if (this.rng.chance(0.6)) this.panel(n + 1);
				const paragraphs = this.rng.int(4, 9);
				for (let i = 0; i < paragraphs; i++) this.para(this.deliberation(item.topic), { losable: true });
			}
		}
	}

	private panel(item: number) {
		const k = this.rng.int(1, 4);
		const people = Array.from(
			{ length: k },
			() => `${this.ctx.person()} (${this.ctx.stateName(this.rng.pick(this.p.parties), true)})`
		);
		this.para(
			k === 1
				? `With the Chair presiding, the discussion under item ${item} was led by the panellist ${people[0]}.`
				: `With the Chair presiding, the discussion under item ${item} was led by the following panellists: ${andList(people)}.`
		);
	}

	private deliberation(topic: Topic): string {
		const r = this.rng;
		const sentences = [
			`${r.pick(QUANTIFIERS)} speakers ${r.pick(EMPHASIS)} the importance of ${r.pick(topic.phrases)}.`,
			`${r.pick(QUANTIFIERS)} speakers shared national experiences and good practices regarding ${r.pick(topic.phrases)}, as well as the challenges encountered in that regard.`,
			`It was noted that ${r.pick(topic.phrases)} remained a priority for many States parties, in particular in view of the limited resources available.`,
			`One speaker described the approach taken in ${r.pick(['his', 'her'])} country to ${r.pick(topic.phrases)} and the lessons learned from it.`,
			`Speakers welcomed the work of UNODC on ${r.pick(topic.phrases)}, including the technical assistance tools developed to that end.`,
			`${r.pick(QUANTIFIERS)} speakers called for further technical assistance on ${r.pick(topic.phrases)}, subject to the availability of extrabudgetary resources.`,
			`In that context, ${r.pick(['some', 'several', 'many'])} speakers referred to ${r.pick(topic.phrases)}.`
		];
		return r.sample(sentences, r.int(3, 5)).join(' ');
	}

	organization(isCop: boolean) {
		const p = this.p;
		const unit = isCop ? 'session' : 'meeting';
		this.chapter(`Organization of the ${unit}${this.joint ? 's' : ''}`);
		this.section(`Opening and duration of the ${unit}${this.joint ? 's' : ''}`);
		for (const [i, body] of p.bodies.entries()) {
			const held = this.rng.int(2, Math.min(12, 2 * dayCount(p)));
			const range = titleRange(p.dates[i]!.start, p.dates[i]!.end);
			this.para(
				this.joint
					? `${capitalize(this.who(body))} held ${NUMBER_WORDS[held]} meetings, ${range.replace(/ \d{4}$/, '')}.`
					: `${capitalize(this.who(body))} met in Vienna ${range} and held ${NUMBER_WORDS[held]} meetings in total.`
			);
		}
		if (p.format !== 'in person') {
			this.para(
				p.format === 'hybrid'
					? `As agreed by the extended Bureau, the ${unit} was held in a hybrid format, with some participants present in the meeting room and all other participants connected remotely.`
					: `As agreed by the extended Bureau, the ${unit} was held entirely online, owing to the restrictions resulting from the coronavirus disease (COVID-19) pandemic.`
			);
		}
		this.para(this.chairSentence(isCop));

		this.section('Statements');
		this.statements();

		this.section('Adoption of the agenda and organization of work');
		for (const agenda of p.agendas) {
			if (this.joint) this.nodes.push({ k: 'sub', text: agenda.body.name });
			this.para(
				`At its 1st meeting, on ${dayMonth(p.dates[0]!.start)}, ${this.who(agenda.body)} adopted the following agenda:`,
				{
					agenda: true,
					items: agenda.items.map((item, n) => ({
						label: String(n + 1),
						text: `${item.title}${item.joint ? ' (joint item)' : ''}${item.subs.length ? ':' : '.'}`,
						subs: item.subs.map((s, j) => ({
							label: letter(j),
							text: `${s}${j === item.subs.length - 1 ? '.' : ';'}`
						}))
					}))
				}
			);
		}

		this.section('Attendance');
		this.attendance(unit);

		this.section('Documentation');
		for (const agenda of p.agendas) {
			if (this.joint) this.nodes.push({ k: 'sub', text: agenda.body.name });
			const symbol = `${agenda.body.symbol}/${this.ctx.year}`;
			const docs: Item[] = [{ label: null, text: `Annotated provisional agenda (${symbol}/1)` }];
			agenda.items.forEach((item, n) => {
				if (item.topic)
					docs.push({
						label: null,
						text: `Background paper prepared by the Secretariat on ${item.topic.paper} (${symbol}/${n})`
					});
			});
			this.para(`${capitalize(this.who(agenda.body))} had before it the following documents:`, {
				items: docs.map((d, i) => ({
					label: letter(i),
					text: `${d.text}${i === docs.length - 1 ? '.' : ';'}`
				}))
			});
		}
	}

	private chairSentence(isCop: boolean): string {
		const chairs = this.p.chairs;
		if (isCop)
			return `The session was chaired by ${chairs[0]!.name} (${chairs[0]!.country}), President of the Conference.`;
		if (this.p.coChaired) {
			return `The meetings were co-chaired by ${chairs[0]!.name} (${chairs[0]!.country}) and ${chairs[1]!.name} (${chairs[1]!.country}).`;
		}
		if (this.joint) {
			if (chairs[0]!.name === chairs[1]!.name)
				return `Both working group meetings were chaired by ${chairs[0]!.name} (${chairs[0]!.country}).`;
			return chairs
				.map((c) => `The meeting of the ${c.body.name} was chaired by ${c.name} (${c.country}).`)
				.join(' ');
		}
		return `The meeting was chaired by ${chairs[0]!.name} (${chairs[0]!.country}).`;
	}

	private statements() {
		const p = this.p;
		this.para(
			`The Chair made an opening statement. Representatives of the Secretariat provided introductory remarks under the substantive agenda items.`
		);
		for (const agenda of p.agendas) {
			for (const [n, item] of agenda.items.entries()) {
				if (!item.topic || (this.joint && item.joint && agenda !== p.agendas[0])) continue;
				const k = this.rng.int(2, Math.min(30, p.parties.length));
				const speakers = this.rng.sample(p.parties, k).map((e) => {
					const name = this.ctx.stateName(e);
					const group = this.ctx.groupOf(e);
					// Also "Trinidad and Tobago (on behalf of ...)", which real reports print: one speaker.
					if (group && this.rng.chance(0.05)) return `${name} (on behalf of the ${group.name})`;
					return name;
				});
				const ofBody = this.joint && !item.joint ? ` of the ${agenda.body.name}` : '';
				const targets = this.joint && item.joint ? p.bodies.length : 1;
				let text =
					this.joint && item.joint
						? `Under the joint agenda item entitled “${item.title}”, statements were made by representatives of the following States parties to the Convention: ${andList(speakers)}.`
						: `Under agenda item ${n + 1}${ofBody}, statements were made by representatives of the following States parties to the Convention: ${andList(speakers)}.`;
				this.statementCount += speakers.length * targets;
				if (p.attendees.some((a) => a.category === 'reio') && this.rng.chance(0.3)) {
					text +=
						' A representative of the European Union, a regional economic integration organization that is a party to the Convention, also made a statement.';
					this.statementCount += targets;
				}
				this.para(text);
				if (p.signatories.length && this.rng.chance(0.3)) {
					const s = this.rng.pick(p.signatories);
					this.para(`The observer for ${this.ctx.stateName(s)}, a signatory State, also made a statement.`);
					this.statementCount += targets;
				}
			}
		}
	}

	private attendance(unit: string) {
		const a = this.p.attendees;
		const of = (c: AttendanceCategory) => a.filter((x) => x.category === c).map((x) => x.name);
		const parties = of('state_party');
		const eu = of('reio');
		const euInList = eu.length > 0 && this.rng.chance(0.3);
		const partyList = euInList
			? [...parties, ...eu].sort((x, y) => x.localeCompare(y))
			: [...parties].sort((x, y) => x.localeCompare(y));
		const remote =
			this.p.format === 'hybrid'
				? ', including those connected remotely'
				: this.p.format === 'remote'
					? ', participating remotely'
					: '';
		this.para(
			`The following States parties to the Convention were represented at the ${unit}${remote}: ${andList(partyList)}.`
		);
		if (eu.length && !euInList) {
			this.para(
				`The European Union, a regional economic integration organization that is a party to the Convention, was represented at the ${unit}.`
			);
		}
		const signatories = of('signatory');
		if (signatories.length === 1) {
			this.para(
				`${capitalize(signatories[0]!)}, a signatory State to the Convention, was represented by an observer.`
			);
		} else if (signatories.length > 1) {
			this.para(
				`The following States signatories to the Convention were represented by observers: ${andList(signatories)}.`
			);
		}
		for (const name of of('non_member_observer_state')) {
			this.para(
				name === 'State of Palestine'
					? 'The State of Palestine, a non-Member State maintaining a permanent observer mission to the United Nations, was represented.'
					: `The ${name}, a non-member observer State, was represented by an observer.`
			);
		}
		const un = of('un_entity');
		if (un.length)
			this.para(`The following United Nations entities were represented by observers: ${andList(un)}.`);
		const igos = of('igo');
		if (igos.length)
			this.para(
				`The following intergovernmental organizations were represented by observers: ${andList(igos)}.`
			);
		const ngos = of('ngo');
		if (ngos.length)
			this.para(
				`The following non-governmental organizations were represented by observers: ${andList(ngos)}.`
			);
		this.para(
			`A list of participants is contained in document ${this.p.agendas[0]!.body.symbol}/${this.ctx.year}/INF/1.`
		);
	}

	adoption() {
		this.chapter('Adoption of the report');
		const end = this.p.dates[0]!.end;
		const subject = this.isCop ? 'the Conference' : this.joint ? 'the Working Groups' : 'the Working Group';
		this.para(`On ${longDate(end)}, ${subject} adopted the present report, as orally amended.`);
	}
}

function dayCount(p: Plan): number {
	return Math.round((p.dates[0]!.end.getTime() - p.dates[0]!.start.getTime()) / 86_400_000) + 1;
}

/** `total` split into `parts` counts of at least 0, each part at most 26 more than the others would allow. */
function split(total: number, parts: number, rng: Random): number[] {
	if (parts <= 1) return [total];
	const counts = new Array<number>(parts).fill(Math.floor(total / parts));
	for (let i = 0; i < total % parts; i++) counts[rng.int(0, parts - 1)]!++;
	// Uneven but never empty when there is enough to go round.
	for (let i = 0; i + 1 < parts; i++) {
		const move = rng.int(0, Math.max(0, Math.min(counts[i + 1]! - 1, 3)));
		counts[i]! += move;
		counts[i + 1]! -= move;
	}
	return counts;
}

function lower(title: string): string {
	return title.charAt(0).toLowerCase() + title.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Provisional agendas (the 2016 layout)

function provisionalAgenda(ctx: Context, start: Date): Written {
	const { rng } = ctx;
	const body = rng.pick(BODIES.filter((b) => b.code !== 'COP'));
	const p = plan(ctx, start, [body]);
	const agenda = p.agendas[0]!;
	const { start: s, end: e } = p.dates[0]!;
	const distributed = addDays(s, -rng.int(30, 150));
	const symbol = `${body.symbol}/${ctx.year}`;
	const out: string[] = [
		'\n\n',
		`# Conference of the Parties to the United Nations Convention against Transnational Organized Crime`
	];
	out.push(`Distr.: General  \n${longDate(distributed)}`, 'Original: English', '---', `## ${body.name}`);
	out.push(`Vienna, ${shortRange(s, e, rng.pick(['-', '–']))}`, '### Provisional agenda and annotations');
	const list: string[] = [];
	agenda.items.forEach((item, n) => {
		list.push(`${n + 1}. ${item.title}${item.subs.length ? ':' : '.'}`);
		item.subs.forEach((sub, j) =>
			list.push(`  - ${letter(j)} ${sub}${j === item.subs.length - 1 ? '.' : ';'}`)
		);
	});
	out.push(list.join('\n'), '---', '## **Annotations**');
	agenda.items.forEach((item, n) => {
		out.push(`### **${n + 1}. ${item.title}**`);
		if (item.subs.length) {
			out.push(`#### **(a) ${item.subs[0]}**`);
			out.push(`The meeting of the ${body.name} will be opened on ${longDate(s)}, at 10 a.m.`);
			out.push(`#### **(b) ${item.subs[1]}**`);
			out.push(
				`The extended Bureau of the Conference approved the dates of ${shortRange(s, e, ' to ')} for the meeting of the ${body.name}.`
			);
			return;
		}
		if (item.topic) {
			const topic = item.topic;
			const sentences = [
				`The meeting offers the opportunity to exchange views on ${rng.pick(topic.phrases)}, building on previous discussions and on the experience gained by States parties.`,
				`At its previous meeting, the ${body.name} recommended that the Secretariat continue to gather information on ${rng.pick(topic.phrases)}.`,
				`States parties may wish to share good practices and challenges regarding ${rng.pick(topic.phrases)}, as well as their technical assistance needs in that area.`,
				`The Secretariat has continued to develop tools on ${rng.pick(topic.phrases)}, subject to the availability of extrabudgetary resources.`,
				`The Working Group may wish to provide guidance to the Secretariat on ${rng.pick(topic.phrases)} and on the most appropriate ways to follow up on its previous recommendations.`
			];
			const count = rng.int(3, 7);
			for (let i = 0; i < count; i++) out.push(rng.sample(sentences, rng.int(2, 3)).join(' '));
			out.push(
				'#### **Documentation**',
				`Background paper prepared by the Secretariat on ${item.topic.paper} (${symbol}/${n})`
			);
			return;
		}
		out.push(
			item.title === 'Other matters'
				? `As no issues to be raised under item ${n + 1} have come to the attention of the Secretariat, no documentation regarding this item is currently foreseen.`
				: 'The Working Group will adopt a report on its meeting, the draft of which will be prepared by the Secretariat.'
		);
	});
	const rows = agenda.items.flatMap((item, n) =>
		item.subs.length
			? item.subs.map((sub, j) => `\t${n + 1} ${letter(j)}\t${sub}`)
			: [`\t${n + 1}\t${item.title}`]
	);
	out.push(
		'## Annex',
		'### Proposed organization of work',
		[
			'<i>Date and time</i>\t<i>Agenda item</i>\t<i>Title or description</i>',
			`<b>${longDate(s)}</b>\t\t`,
			...rows
		].join('\n')
	);
	return {
		text: out.join('\n\n') + '\n',
		truth: {
			kind: 'provisional_agenda',
			year: ctx.year,
			bodies: [body.code],
			meetings: [{ body: body.code, startDate: isoDate(s), endDate: isoDate(e) }],
			format: null,
			attendees: [],
			recommendations: 0,
			recommendationKind: null,
			statements: 0,
			chairs: [],
			agendaItems: agenda.items.reduce((m, i) => m + 1 + i.subs.length, 0)
		}
	};
}
