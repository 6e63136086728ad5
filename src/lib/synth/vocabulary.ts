/**
 * The words of the synthetic reports: the bodies, the topics they discuss (with the years in which
 * a topic can come up, so that RevMod never appears in 2005 nor COVID-19 in 2030), and the people
 * who chair and sit on panels. Phrases are paraphrased from the five real reports in data/corpus/.
 *
 * Constraints from the parser (src/lib/ingest/), kept here so that generated text reads back:
 * no phrase says "represented", "made by", "chaired by" or "panellist" (those words start
 * attendance, statement, chair and panel sentences), no phrase names a working group (a name in
 * the first paragraphs can be taken for the report's body), and no recommendation ends with ":".
 */

export interface SynthBody {
	/** As in src/lib/ingest/bodies.ts. */
	code: string;
	name: string;
	/** Document symbol prefix: CTOC/COP/WG.2 (the Conference's own: CTOC/COP). */
	symbol: string;
	/** Decision of the Conference that set the body up, quoted in the introduction. */
	decision: string;
	/** Topics only this body discusses (besides the common ones). */
	ownTopics: string[];
}

export const BODIES: SynthBody[] = [
	{
		code: 'WG.2',
		name: 'Working Group of Government Experts on Technical Assistance',
		symbol: 'CTOC/COP/WG.2',
		decision: '2/6',
		ownTopics: ['legislative', 'training', 'data']
	},
	{
		code: 'WG.3',
		name: 'Working Group on International Cooperation',
		symbol: 'CTOC/COP/WG.3',
		decision: '3/2',
		ownTopics: ['transfer', 'evidence', 'joint-investigations', 'confiscation']
	},
	{
		code: 'WG.4',
		name: 'Working Group on Trafficking in Persons',
		symbol: 'CTOC/COP/WG.4',
		decision: '4/4',
		ownTopics: ['trafficking']
	},
	{
		code: 'WG.6',
		name: 'Working Group on Firearms',
		symbol: 'CTOC/COP/WG.6',
		decision: '5/4',
		ownTopics: ['firearms']
	},
	{
		code: 'WG.7',
		name: 'Working Group on the Smuggling of Migrants',
		symbol: 'CTOC/COP/WG.7',
		decision: '5/3',
		ownTopics: ['smuggling']
	},
	{
		code: 'COP',
		name: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
		symbol: 'CTOC/COP',
		decision: '',
		ownTopics: ['review', 'sherloc', 'trafficking', 'firearms', 'smuggling']
	}
];

export function bodyByCode(code: string): SynthBody {
	const body = BODIES.find((b) => b.code === code);
	if (!body) throw new Error(`unknown synthetic body ${code}`);
	return body;
}

/** Pairs of bodies that have met jointly, first body first (as in the 2017 joint report). */
export const JOINT_PAIRS: [string, string][] = [
	['WG.3', 'WG.2'],
	['WG.4', 'WG.7'],
	['WG.2', 'WG.6']
];

export interface Topic {
	key: string;
	/** First and last year the topic can appear in. */
	from: number;
	to: number;
	/** Agenda item title. */
	title: string;
	/** Subject of the background paper ("... on <paper>"). */
	paper: string;
	/** Noun phrases speakers talk about. */
	phrases: string[];
	/** Actions a recommendation asks for ("States parties should <action>"). */
	actions: string[];
}

export const TOPICS: Topic[] = [
	{
		key: 'sherloc',
		from: 2011,
		to: 2035,
		title:
			'Strengthening the use of the knowledge management portal known as Sharing Electronic Resources and Laws on Crime (SHERLOC)',
		paper:
			'the knowledge management portal known as Sharing Electronic Resources and Laws on Crime (SHERLOC)',
		phrases: [
			'the usefulness of SHERLOC for gathering and disseminating legislation and case law',
			'keeping national legislative records in SHERLOC up to date',
			'the dissemination plan for the SHERLOC knowledge management portal',
			'training on the use of the SHERLOC portal as a source of information on domestic legislation',
			'the external contributor interface of SHERLOC'
		],
		actions: [
			'update their legislative records in the knowledge management portal known as Sharing Electronic Resources and Laws on Crime (SHERLOC)',
			'consider contributing to the maintenance and further development of SHERLOC to support the gathering, dissemination and analysis of information',
			'use SHERLOC to consult the legislation and jurisprudence of other States for purposes of international cooperation'
		]
	},
	{
		key: 'witness',
		from: 1995,
		to: 2035,
		title:
			'Assistance, good practices and the comparison of national legislation in the area of identifying and protecting victims of and witnesses to organized crime',
		paper: 'the protection of victims of and witnesses to organized crime',
		phrases: [
			'procedural protection measures for vulnerable witnesses, including video link testimony',
			'witness protection programmes and the relocation of protected witnesses',
			'threat assessments to determine the level of risk to an individual witness',
			'the model law on witness protection'
		],
		actions: [
			'consider strengthening in-court and procedural protection measures for witnesses',
			'carry out threat assessments, as appropriate, to determine the level of risk to an individual witness or victim',
			'consider enacting legislation to regulate the protection of witnesses, with the assistance of the model law on witness protection'
		]
	},
	{
		key: 'evidence',
		from: 2003,
		to: 2035,
		title: 'Recent developments in obtaining electronic evidence',
		paper: 'the gathering and sharing of electronic evidence',
		phrases: [
			'the gathering and sharing of electronic evidence across borders',
			'cooperation with service providers in obtaining electronic evidence',
			'rules of admissibility of electronic evidence obtained in foreign jurisdictions',
			'the preservation of stored computer data and the real-time collection of traffic data'
		],
		actions: [
			'build or enhance effective networks for information-sharing for the purpose of obtaining electronic evidence',
			'consider amending their legislation to define clear rules of admissibility of electronic evidence in court',
			'revise their procedures for mutual legal assistance to adapt them to requests for obtaining and handling electronic evidence'
		]
	},
	{
		key: 'transfer',
		from: 1995,
		to: 2035,
		title:
			'Practical considerations, good practices and challenges encountered in the area of transfer of criminal proceedings as a separate form of international cooperation in criminal matters',
		paper: 'the transfer of criminal proceedings',
		phrases: [
			'the transfer of criminal proceedings as a form of international cooperation',
			'informal consultations before a formal request for the transfer of criminal proceedings',
			'conflicts of criminal jurisdiction and ways to address them',
			'the Model Treaty on the Transfer of Proceedings in Criminal Matters'
		],
		actions: [
			'make use of the Convention as a legal basis for transferring criminal proceedings in relation to the offences covered by the Convention',
			'consider engaging in consultations before and during the preparation of requests for the transfer of criminal proceedings',
			'make use of existing regional judicial cooperation networks to facilitate discussions on conflicts of criminal jurisdiction'
		]
	},
	{
		key: 'confiscation',
		from: 1995,
		to: 2035,
		title:
			'International cooperation for purposes of confiscation and the disposal of confiscated proceeds of crime',
		paper: 'international cooperation for purposes of confiscation',
		phrases: [
			'international cooperation for purposes of confiscation',
			'the disposal of confiscated proceeds of crime or property',
			'agreements for sharing confiscated proceeds of crime',
			'the tracing, freezing and seizure of proceeds of crime'
		],
		actions: [
			'give priority to requests from other States parties for the return of confiscated assets for use as compensation to victims',
			'consider concluding agreements or arrangements for the sharing of confiscated proceeds of crime',
			'develop legislation and practice that allow greater flexibility in providing international cooperation in confiscation'
		]
	},
	{
		key: 'review',
		from: 2018,
		to: 2035,
		title:
			'Matters pertaining to the Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto',
		paper: 'the functioning of the Review Mechanism',
		phrases: [
			'the timely nomination of focal points for the Review Mechanism',
			'delays in the country reviews and the completion of the first thematic cluster',
			'the secure module of SHERLOC known as RevMod and its functionalities',
			'the involvement of civil society in national consultations on the Review Mechanism',
			'the self-assessment questionnaires of the Review Mechanism'
		],
		actions: [
			'nominate a national focal point for the Review Mechanism and keep that information up to date',
			'endeavour to adhere to the timelines contained in the procedures and rules for the functioning of the Review Mechanism',
			'consider providing extrabudgetary resources to support the further development of the secure module known as RevMod'
		]
	},
	{
		key: 'gender',
		from: 2010,
		to: 2035,
		title: 'Mainstreaming a gender perspective and human rights into responses to organized crime',
		paper: 'mainstreaming a gender perspective into responses to organized crime',
		phrases: [
			'mainstreaming a gender perspective and human rights into responses to organized crime',
			'gender-disaggregated data on victims and perpetrators of organized crime',
			'the representation of women at all levels of decision-making in the criminal justice system',
			'the toolkit on mainstreaming gender and human rights in the implementation of the Convention'
		],
		actions: [
			'mainstream a gender perspective and human rights in the relevant normative, policy and operational responses to organized crime',
			'strengthen gender representation in the criminal justice system and at all levels of decision-making on organized crime'
		]
	},
	{
		key: 'data',
		from: 1995,
		to: 2035,
		title:
			'Technical assistance needs in the prevention of organized crime, including data collection and analytical processes',
		paper: 'data collection and analytical processes to prevent organized crime',
		phrases: [
			'the collection and analysis of quantitative and qualitative data on organized crime',
			'organized crime threat assessments and other strategic analysis products',
			'the capacity of national statistical authorities',
			'data disaggregated by age, gender and other relevant factors'
		],
		actions: [
			'consider collecting and analysing quantitative and qualitative data on organized crime, disaggregated by age and gender',
			'consider developing and regularly updating organized crime threat assessments',
			'appropriately strengthen the capacity of their statistical authorities'
		]
	},
	{
		key: 'training',
		from: 1995,
		to: 2035,
		title:
			'Establishing capacity-building programmes for prosecutors, members of the judiciary and law enforcement agencies',
		paper: 'capacity-building programmes for criminal justice practitioners',
		phrases: [
			'specialized training for law enforcement, prosecutors and judicial officials',
			'mock trials and other practical exercises as training tools',
			'training-of-trainers courses and South-South cooperation',
			'the monitoring and evaluation of training activities'
		],
		actions: [
			'provide specialized training for law enforcement, prosecutors and judicial officials',
			'put in place training programmes that are tailored to the needs of the beneficiaries',
			'consider participating in networks of central authorities, prosecutors and other criminal justice practitioners'
		]
	},
	{
		key: 'legislative',
		from: 1995,
		to: 2035,
		title:
			'Assistance in harmonizing national legislation with the United Nations Convention against Transnational Organized Crime and the Protocols thereto',
		paper: 'legislative assistance for the implementation of the Convention',
		phrases: [
			'legislative assistance to implement the Convention and the Protocols thereto',
			'model legislative provisions against organized crime',
			'the harmonization of national legislation with the Convention',
			'the liability of legal persons for offences covered by the Convention'
		],
		actions: [
			'consider requesting legislative assistance to harmonize national legislation with the Convention and the Protocols thereto',
			'make use of the model legislative provisions against organized crime when drafting legislation'
		]
	},
	{
		key: 'joint-investigations',
		from: 1995,
		to: 2035,
		title:
			'Joint investigations as a modality for international cooperation to combat cross-border organized crime',
		paper: 'joint investigations',
		phrases: [
			'joint investigative teams as a modality of international cooperation',
			'bilateral agreements establishing joint investigative bodies',
			'the conduct of joint investigations on a case-by-case basis'
		],
		actions: [
			'consider concluding bilateral or multilateral agreements to establish joint investigative bodies',
			'share experiences on the use of joint investigative teams in cases of transnational organized crime'
		]
	},
	{
		key: 'extrabudgetary',
		from: 1995,
		to: 2035,
		title: 'Resources for the technical assistance activities of the Secretariat',
		paper: 'the resources available for technical assistance',
		phrases: [
			'the availability of extrabudgetary resources for technical assistance',
			'voluntary contributions to support the participation of least developed countries',
			'the predictability of funding for technical assistance activities'
		],
		actions: [
			'consider providing extrabudgetary resources for the implementation of technical assistance activities',
			'make voluntary contributions to ensure that the Secretariat has adequate financial, technical and human resources'
		]
	},
	{
		key: 'multilingualism',
		from: 1995,
		to: 2035,
		title: 'Multilingualism and the translation of documentation',
		paper: 'multilingualism in the work of the Conference',
		phrases: [
			'multilingualism and the translation of documentation into the official languages',
			'language barriers in international cooperation',
			'interpretation into the six official languages of the United Nations'
		],
		actions: [
			'address challenges relating to multilingualism and translation, in full respect of the principle of multilingualism'
		]
	},
	{
		key: 'covid',
		from: 2020,
		to: 2022,
		title: 'Organization of work in view of the coronavirus disease (COVID-19) pandemic',
		paper: 'the organization of work during the COVID-19 pandemic',
		phrases: [
			'the restrictions resulting from the coronavirus disease (COVID-19) pandemic',
			'the use of an interpretation platform for participants connected from their capitals',
			'the different time zones of participants connected remotely'
		],
		actions: ['consider the lessons learned from the organization of work during the COVID-19 pandemic']
	},
	{
		key: 'trafficking',
		from: 1995,
		to: 2035,
		title: 'Identification and protection of victims of trafficking in persons',
		paper: 'the identification of victims of trafficking in persons',
		phrases: [
			'the early identification of victims of trafficking in persons',
			'the non-punishment of victims of trafficking in persons',
			'trafficking in persons for the purpose of forced labour',
			'training of labour inspectors and front-line officers'
		],
		actions: [
			'strengthen the identification of victims of trafficking in persons, including by training labour inspectors',
			'ensure that victims of trafficking in persons are not punished for offences they were compelled to commit'
		]
	},
	{
		key: 'firearms',
		from: 1995,
		to: 2035,
		title:
			'Marking, record-keeping and tracing of firearms, their parts and components and ammunition under the Firearms Protocol',
		paper: 'the marking and tracing of firearms',
		phrases: [
			'the marking and record-keeping of firearms, their parts and components and ammunition',
			'the tracing of illicit firearms seized in criminal investigations',
			'the illicit manufacturing of firearms, including with new technologies'
		],
		actions: [
			'strengthen their record-keeping systems for firearms, their parts and components and ammunition',
			'systematically trace firearms seized in the context of criminal investigations'
		]
	},
	{
		key: 'smuggling',
		from: 1995,
		to: 2035,
		title: 'Protection of the rights of smuggled migrants and aggravating circumstances',
		paper: 'the protection of the rights of smuggled migrants',
		phrases: [
			'the protection of the rights of smuggled migrants',
			'aggravating circumstances in cases of smuggling of migrants',
			'smuggling of migrants by sea and the rescue of migrants in distress'
		],
		actions: [
			'ensure that smuggled migrants are not held criminally liable for having been the object of smuggling',
			'establish as aggravating circumstances conduct that endangers the lives or safety of smuggled migrants'
		]
	}
];

/** Topics common to every body (besides the body's own). */
export const COMMON_TOPICS = [
	'sherloc',
	'review',
	'gender',
	'extrabudgetary',
	'multilingualism',
	'covid',
	'witness'
];

export function topicByKey(key: string): Topic {
	const topic = TOPICS.find((t) => t.key === key);
	if (!topic) throw new Error(`unknown topic ${key}`);
	return topic;
}

export const QUANTIFIERS = ['Several', 'Many', 'Some', 'A number of', 'Various'];
export const EMPHASIS = ['highlighted', 'underlined', 'emphasized', 'stressed', 'recalled'];
export const ADDRESSEES = ['States parties', 'States', 'Parties', 'UNODC', 'The Secretariat'];
export const MODALS = [
	'should',
	'are encouraged to',
	'are invited to',
	'may wish to',
	'should consider ways to',
	'are strongly encouraged to'
];

/** Given names and family names from every region, some with diacritics; none contains "and". */
export const GIVEN_NAMES = [
	'Thomas',
	'Cristian',
	'Raluca',
	'Catherine',
	'Lars',
	'Mauricio',
	'Christopher',
	'Lucie',
	'Emmanuel',
	'Cláudio',
	'Sarah',
	'Kevin',
	'Gladice',
	'Tom',
	'Ana',
	'Jonas',
	'Aïcha',
	'Mohammed',
	'Fatima',
	'Hiroshi',
	'Mei',
	'Olga',
	'Sergei',
	'Ingrid',
	'José',
	'María',
	'Kwame',
	'Amina',
	'Rahul',
	'Priya',
	'Nguyen',
	'Tomasz',
	'Helena',
	'Ahmed',
	'Leila',
	'Juan Carlos',
	'Björn',
	'Zeynep',
	'Chidi',
	'Marta'
];

export const FAMILY_NAMES = [
	'Burrows',
	'Istrate',
	'Simion',
	'Newcombe',
	'Wilhelmsson',
	'Fernández Montalbán',
	'Smith',
	'Léonard',
	'Nweke',
	'Dinis Mate',
	'McAveety',
	'Yong',
	'Pickering',
	'Andreopoulos',
	'Morales',
	'Berg',
	'Diallo',
	'Al-Hashimi',
	'Benali',
	'Tanaka',
	'Chen',
	'Ivanova',
	'Petrov',
	'Lindqvist',
	'García',
	'Pérez',
	'Mensah',
	'Okafor',
	'Sharma',
	'Iyer',
	'Tran',
	'Kowalski',
	'Novak',
	'Haddad',
	'Rahimi',
	'Sánchez del Águila',
	'Eriksson',
	'Yılmaz',
	'Obi',
	'Kovačević'
];

/** Civil society names that the reference table does not hold: they stay unresolved, as in real reports. */
export const NGO_NAMES = [
	'La Strada International',
	'Victims First Network',
	'Global Initiative against Transnational Organized Crime',
	'International Bar Association',
	'Small Arms Survey',
	'Walk Free Foundation',
	'International Commission of Jurists',
	'Friends World Committee for Consultation'
];

/** Number words the parser reads ("held four meetings"). */
export const NUMBER_WORDS = [
	'zero',
	'one',
	'two',
	'three',
	'four',
	'five',
	'six',
	'seven',
	'eight',
	'nine',
	'ten',
	'eleven',
	'twelve'
];

export const ORDINAL_WORDS = [
	'',
	'first',
	'second',
	'third',
	'fourth',
	'fifth',
	'sixth',
	'seventh',
	'eighth',
	'ninth',
	'tenth',
	'eleventh',
	'twelfth',
	'thirteenth',
	'fourteenth',
	'fifteenth',
	'sixteenth',
	'seventeenth',
	'eighteenth',
	'nineteenth',
	'twentieth'
];

export const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];
