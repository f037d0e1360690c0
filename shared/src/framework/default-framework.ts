import {
  type ActionPoint,
  Framework,
  type Pillar,
  type PriorityGoal,
  type Project,
  type Region,
  type ResultStatement,
} from './schema.js';

/*
 * The default results framework: the Budapest Process "Call for Action - a five year plan"
 * (2019-2024) as laid out in its strategic document (seed 000_*.txt, December 2019).
 * Every title and description is copied from the seeds; the only editorial content is the
 * structured reading of the "Comments" column and the links between projects and goals,
 * each explained where it is made.
 *
 * 39 or 41 action points? The strategic document says three times that the Call for Action
 * "lists 41 points" / "41 action points" / "41 actions". Its Implementation Plan table, read
 * row by row, has 39: goal 1 -> 1.1-1.8 (8), goal 2 -> 2.1-2.5 (5), goal 3 -> 3.1-3.4 (4),
 * goal 4 -> 4.1-4.2 (2), goal 5 -> 5.1-5.4 (4), goal 6 -> 6.1-6.5 (5), cross-cutting
 * 7.1-7.11 (11). Numbering within each goal is contiguous, so no row was lost in extraction;
 * the 41 refers to the points of the political Call for Action itself, which is not part of
 * the seed. The tool tracks the 39 rows of the Implementation Plan, because activities are
 * planned and reported against them.
 *
 * Not carried over: the original table colours each row by pillar (legend "Dialogue /
 * Operational Cooperation / Research and Knowledge Base"), but the colours are lost in the
 * text extraction, so action points carry no pillar; activities do.
 */

/** Project ids referenced by action points and demo activities. */
export const PROJECT_IDS = {
  improvingMigrationManagement: 'improving-migration-management-silk-routes',
  integratedBorderManagement: 'integrated-border-management-silk-routes',
  silkRoutesPartnership: 'silk-routes-partnership-project',
  bridgingMeasures: 'bridging-measures-silk-routes',
  fosteringMigrationCooperation: 'fostering-migration-cooperation-silk-routes',
  colep: 'community-of-law-enforcement-practitioners',
  reinforcingReturn: 'reinforcing-return-and-reintegration',
  vocationalTraining: 'vocational-training-for-labour-migration',
  samac: 'south-asia-migration-and-climate',
} as const;

const IMM = PROJECT_IDS.improvingMigrationManagement;
const IBM = PROJECT_IDS.integratedBorderManagement;

const SEED_000_REGIONS =
  'Seed 000: "Three Regional Working Groups (Silk Routes Region, Black Sea Region and South East European Region)"';

/*
 * Regions for filters and breakdowns by region. The seeds name the regions but list countries only
 * for the Silk Routes; the other groupings are starting points an administrator should check, and
 * each country is in one region only (Türkiye, chair of the process, with the Black Sea Region;
 * Bulgaria and Romania with the EU).
 */
const regions: Region[] = [
  {
    id: 'silk-routes',
    name: 'Silk Routes Region',
    countries: ['AF', 'BD', 'IQ', 'IR', 'PK'],
    source:
      'Seed 003: "the Silk Routes countries Afghanistan, Iraq and Pakistan, as well as Bangladesh and Iran"',
  },
  {
    id: 'black-sea',
    name: 'Black Sea Region',
    countries: ['AM', 'AZ', 'GE', 'MD', 'RU', 'TR', 'UA'],
    source: `${SEED_000_REGIONS}; the countries are an editable default.`,
  },
  {
    id: 'south-east-europe',
    name: 'South East European Region',
    countries: ['AL', 'BA', 'ME', 'MK', 'RS', 'XK'],
    source: `${SEED_000_REGIONS}; the countries are an editable default.`,
  },
  {
    id: 'central-asia',
    name: 'Central Asia',
    countries: ['KG', 'KZ', 'TJ', 'TM', 'UZ'],
    source: 'Seed 003 names Central Asia among the regions involved; the countries are an editable default.',
  },
  {
    id: 'eu-schengen',
    name: 'EU and Schengen countries',
    countries: [
      'AT',
      'BE',
      'BG',
      'CH',
      'CY',
      'CZ',
      'DE',
      'DK',
      'EE',
      'ES',
      'FI',
      'FR',
      'GR',
      'HR',
      'HU',
      'IE',
      'IS',
      'IT',
      'LI',
      'LT',
      'LU',
      'LV',
      'MT',
      'NL',
      'NO',
      'PL',
      'PT',
      'RO',
      'SE',
      'SI',
      'SK',
    ],
    source:
      'Seed 003 names "EU and Schengen countries" among the regions involved; the list is an editable default.',
  },
];

/** "The Silk Routes Region refers to Afghanistan, Bangladesh, Iran, Iraq and Pakistan." (seed 000, footnote 1) */
const SILK_ROUTES_COUNTRIES = ['AF', 'BD', 'IR', 'IQ', 'PK'];

const priorityGoals: PriorityGoal[] = [
  {
    number: 1,
    code: 'PG1',
    title:
      'Prevent and counteract irregular migration, facilitate return and readmission of irregular migrants, and combat criminal networks involved in smuggling of migrants',
    shortTitle: 'Irregular Migration',
    crossCutting: false,
  },
  {
    number: 2,
    code: 'PG2',
    title: 'Better organise and improve conditions for legal migration and mobility',
    shortTitle: 'Migration and Mobility',
    crossCutting: false,
  },
  {
    number: 3,
    code: 'PG3',
    title: 'Support the integration of migrants and counter-act discrimination, racism and xenophobia',
    shortTitle: 'Integration',
    crossCutting: false,
  },
  {
    number: 4,
    code: 'PG4',
    title:
      'Strengthen the positive impact of migration on development, both in countries of origin and of destination',
    shortTitle: 'Migration and Development',
    crossCutting: false,
  },
  {
    number: 5,
    code: 'PG5',
    title:
      'Prevent and combat trafficking in persons, address its root causes and provide adequate protection and support to trafficked persons',
    shortTitle: 'Trafficking in Persons',
    crossCutting: false,
  },
  {
    number: 6,
    code: 'PG6',
    title:
      'Promote international protection and the respect of the rights of refugees, in line with international standards',
    shortTitle: 'International Protection',
    crossCutting: false,
  },
  // The table labels the seventh group only "Cross-cutting"; it has no longer title.
  { number: 7, code: 'PG7', title: 'Cross-cutting', shortTitle: null, crossCutting: true },
];

/*
 * Comments column, read as follows: a regional working group abbreviation (SR / BS / SEE RWG,
 * with its qualifiers such as "or for all") becomes workingGroup; "Link with PG n" / "Link PGn"
 * becomes linkedGoals; a mention of an EU Silk Routes project becomes linkedProjects.
 * "connected" on the first row of most goals is kept only in `comments`: it most likely marks
 * rows that were merged in the original layout, and its meaning is not stated.
 * "the Silk Routes Project" (7.6, 7.9) is read as the EU project running when the plan was
 * written, "Improving Migration Management in the Silk Routes Region"; "both EU Silk Routes
 * projects" (1.6) as the two EU projects named in the Operational Cooperation pillar.
 */
const actionPoints: ActionPoint[] = [
  {
    code: '1.1',
    goal: 1,
    title: 'Thematic meeting on sustainable return and reintegration: best practices and lessons learned',
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: 'connected',
  },
  {
    code: '1.2',
    goal: 1,
    title: "Lessons learned on return and reintegration: what works, what doesn't",
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '1.3',
    goal: 1,
    title:
      'Working Group meeting/thematic meeting on dismantling of smuggling and trafficking networks with law enforcement experts: investigation techniques, online decoding of smugglers',
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: 'BS RWG or for all',
    linkedGoals: [5],
    linkedProjects: [],
    comments: 'BS RWG or for all Link with PG 5',
  },
  {
    code: '1.4',
    goal: 1,
    title: 'Training and capacity building activities in the area of document security.',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [IBM],
    comments: 'partially covered by EU IBM Silk Routes project',
  },
  {
    code: '1.5',
    goal: 1,
    title:
      'Organising and hosting a study visit for senior officials responsible for border protection and prevention of irregular migration from the Western Balkan countries',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: 'BS RWG / SEE RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'BS RWG / SEE RWG',
  },
  {
    code: '1.6',
    goal: 1,
    title:
      'Project in partnership with law enforcement agencies in the Silk Routes with a view to develop national strategies on countering irregular migration through provision of capacity building at regional and national levels',
    timeline: { kind: 'range', from: 2022, to: 2024, text: '2022-2024' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [IMM, IBM],
    comments: 'Follow-up to both EU Silk Routes projects',
  },
  {
    code: '1.7',
    goal: 1,
    title: 'Baseline needs assessment of Countries of Origin on livelihood opportunities for returnees',
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: null,
    linkedGoals: [4],
    linkedProjects: [],
    comments: 'Link with PG 4',
  },
  {
    code: '1.8',
    goal: 1,
    title:
      'Meeting on the harmonisation of common standards for identification of irregular migrants in South East Europe',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: 'SEE RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'SEE RWG',
  },
  {
    code: '2.1',
    goal: 2,
    title:
      'Expert meeting looking into skills development and matching and accreditation, recognition and certification needs and sharing experiences between countries',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: 'SR RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'connected SR RWG',
  },
  {
    code: '2.2',
    goal: 2,
    title: 'Research brief: how to promote skills development? Good practices',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '2.3',
    goal: 2,
    title: 'Working group meeting on labour migration and assessment of legal pathways for migration',
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: 'combined SR + BS RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'combined SR + BS RWG',
  },
  {
    code: '2.4',
    goal: 2,
    title:
      'Expert meeting exploring the nexus between visa facilitation/mobility for bona fide travellers and return/readmission',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '2.5',
    goal: 2,
    title:
      'Expert voice: what is the role of the private sector in promoting legal pathways and labour mobility?',
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '3.1',
    goal: 3,
    title: 'Raise awareness on ways to counter xenophobia, racism and related intolerance',
    timeline: { kind: 'range', from: 2022, to: 2024, text: '2022-2024' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: 'connected',
  },
  {
    code: '3.2',
    goal: 3,
    title: 'Thematic meeting on the topic of integration and overview of national perspectives',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '3.3',
    goal: 3,
    title:
      'Integration: background paper, lessons learned in Europe and case studies concerning migrants from the Silk Routes',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '3.4',
    goal: 3,
    title:
      'Foster city to city cooperation by sharing knowledge between cities through focus groups and subsequent study visit(s) between local municipalities',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '4.1',
    goal: 4,
    title:
      'Thematic workshop alongside the financial/banking sector and diaspora to explore ways for financial inclusion, including more efficient remittance transfers',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: 'SR RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'connected SR RWG',
  },
  {
    code: '4.2',
    goal: 4,
    title:
      'Mapping of diaspora stakeholders for the Silk Routes countries in Europe and remittances channels',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '5.1',
    goal: 5,
    title:
      'Expert meeting on exchange of best practices concerning identification and protection of victims of trafficking in South East European Region',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: 'SEE RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'connected SEE RWG',
  },
  {
    code: '5.2',
    goal: 5,
    title: 'Research brief: on identification and protection of victims of trafficking in South East Europe',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '5.3',
    goal: 5,
    title:
      'Thematic Meeting on identification and assistance to victims of trafficking in human being including on cultural and gender aspects',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '5.4',
    goal: 5,
    title: 'Training for officials on national and transnational referral of trafficked persons',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '6.1',
    goal: 6,
    title:
      'Thematic meeting on promoting a rights-based approach for vulnerable groups on the move, including unaccompanied minors',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: 'connected',
  },
  {
    code: '6.2',
    goal: 6,
    title: 'Case studies on vulnerable groups on the move including unaccompanied minors',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '6.3',
    goal: 6,
    title:
      'Joint meeting of asylum authorities in the South East European Region to improve the cooperation of international protection of people on the move',
    timeline: { kind: 'year', year: 2020, text: '2020' },
    workingGroup: 'SEE RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'SEE RWG',
  },
  {
    code: '6.4',
    goal: 6,
    title:
      'Expert meeting on how to enhance solidarity with countries hosting large number of refugees especially in protracted ones',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: 'SR RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'SR RWG',
  },
  {
    code: '6.5',
    goal: 6,
    title:
      'Organise a study visit to the EU on asylum system including reception centres: good practices for a rights-based approach',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: 'SEE RWG / SR RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'SEE RWG / SR RWG',
  },
  {
    code: '7.1',
    goal: 7,
    title: 'Thematic meeting on migration data management and analysis for evidence based migration policies',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: 'BS RWG and open to all',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'BS RWG and open to all',
  },
  {
    code: '7.2',
    goal: 7,
    title:
      'Expert meeting on forecasting and geopolitical outlook on migration trends in the next five years',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '7.3',
    goal: 7,
    title: 'Thematic meeting on addressing the root causes of migration',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: null,
    linkedGoals: [4],
    linkedProjects: [],
    comments: 'Link PG4',
  },
  {
    code: '7.4',
    goal: 7,
    title: 'Thematic meeting on introducing gender aspects into migration policy making',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '7.5',
    goal: 7,
    title:
      'Study on the drivers of migration with a focus of new drivers including climate-induced migration',
    timeline: { kind: 'year', year: 2023, text: '2023' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '7.6',
    goal: 7,
    title: 'Implementation of Migration Policies in the Silk Routes Countries',
    timeline: { kind: 'range', from: 2021, to: 2024, text: '2021-2024' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [IMM],
    comments: 'Follow-up to the Silk Routes Project',
  },
  {
    code: '7.7',
    goal: 7,
    title:
      'Organise a technical workshop to review innovative technologies (used in the area of migration) and share experiences in this regard',
    timeline: { kind: 'year', year: 2022, text: '2022' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '7.8',
    goal: 7,
    title:
      'Establishment of an international migration research and cooperation center to enable sustainable research and training capacities for government authorities and other relevant institutions in the area of migration to strengthen complementary migration management in the regions of the Budapest Process',
    timeline: { kind: 'range', from: 2021, to: 2024, text: '2021-2024' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [],
    comments: null,
  },
  {
    code: '7.9',
    goal: 7,
    title:
      'Develop awareness raising strategies and raise awareness for migrants on safe and regular migration as well as on the dangers and consequences of irregular migration',
    timeline: { kind: 'ongoing', text: 'ongoing' },
    workingGroup: null,
    linkedGoals: [],
    linkedProjects: [IMM],
    comments: 'Link with Silk Routes Project',
  },
  {
    code: '7.10',
    goal: 7,
    title:
      'Facilitate cooperation between the South East European Regional Working Group and the Silk Routes Regional Working Group to initiate regular migration cooperation',
    timeline: { kind: 'year', year: 2021, text: '2021' },
    workingGroup: 'SEE RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'SEE RWG',
  },
  {
    code: '7.11',
    goal: 7,
    title: 'Support the development of migration priorities of SEE Regional Working Group (Migration Agenda)',
    timeline: { kind: 'range', from: 2022, to: 2024, text: '2022-2024' },
    workingGroup: 'SEE RWG',
    linkedGoals: [],
    linkedProjects: [],
    comments: 'SEE RWG',
  },
];

const pillars: Pillar[] = [
  {
    id: 'dialogue',
    name: 'Dialogue',
    description: [
      'Senior Officials Meetings (SOM) take place once a year and are chaired by Turkey and co-chaired by Hungary. SOMs steer the dialogue and take stock of activities implemented in the course of the year. They are also the opportunity to take stock of the activities in the projects flanking the dialogue and the annual expenditures.',
      'Working Group (WG) meetings usually take place 2-3 times a year depending on the strategic priorities, chaired by the respective WG Chair and with the support of the Chairmanship and Secretariat. Three Regional Working Groups (Silk Routes Region, Black Sea Region and South East European Region) currently support the Budapest Process Senior Officials. Regional WG meetings will focus on the six priority goals and their related actions laid out in the “Call for Action”. They present an opportunity to share good practices, discuss common standards and work towards further developing concrete initiatives and deliverables based on the priority areas listed in the “Call for Action”.',
    ].join('\n\n'),
  },
  {
    id: 'operational_cooperation',
    name: 'Operational Cooperation',
    description:
      'Operational cooperation is crucial and primarily focuses on activities in the Silk Routes Region. The Black Sea Region and the South East European Region may also be involved as part of the migration routes in these activities. Operational cooperation includes capacity building activities (expert consultations, peer-to-peer exchanges, training sessions, technical workshops and study visits etc.) which will be developed and implemented. Furthermore, new projects in the Silk Routes Region which relate to the Call for Action will be developed based on the needs and findings of ongoing activities under the umbrella of the Budapest Process.',
  },
  {
    id: 'research_knowledge',
    name: 'Research and Knowledge Base',
    description:
      'In order to ensure high quality meetings and operational activities in the regions, the Budapest Process provides evidence-based outputs. Aside from producing background papers and relevant presentations for meetings the following other formats will be used: policy briefs, research briefs, videos, country profiles, guidelines, lessons learned, academic input, expert voices, case studies, mapping exercises, data management and forecasting on migration trends etc.',
  },
];

const projects: Project[] = [
  {
    id: IMM,
    name: 'Improving Migration Management in the Silk Routes Region',
    funders: ['European Union'],
    budget: { amount: 12_000_000, currency: 'EUR', approximate: false },
    periodStart: 2017,
    periodEnd: 2021,
    // Seed 002 lists the Silk Routes countries and the Central Asian countries as locations.
    countries: [...SILK_ROUTES_COUNTRIES, 'KZ', 'KG', 'UZ', 'TM', 'TJ'],
    // Seed 002 credits "the IMM Project and ICMPD team".
    implementingOrganisation: 'ICMPD',
    // Seed 002: its research and knowledge outputs address "all 6 priority goals"; 7 through 7.6 and 7.9.
    linkedGoals: [1, 2, 3, 4, 5, 6, 7],
    linkedActionPoints: ['1.6', '7.6', '7.9'],
    source:
      'Seed 000 (Operational Cooperation pillar and Funding: 12 M € / 2017-2021, EU) and seed 002 (locations, IMM Project and ICMPD team). Seed 002 gives the period as "from August 2017 to April 2022"; the years here follow seed 000.',
  },
  {
    id: IBM,
    name: 'Integrated Border Management in the Silk Routes Countries',
    funders: ['European Union'],
    budget: { amount: 12_000_000, currency: 'EUR', approximate: false },
    periodStart: 2019,
    periodEnd: 2022,
    countries: SILK_ROUTES_COUNTRIES,
    implementingOrganisation: null,
    // Goal 1 because action points 1.4 and 1.6 name it; border management serves irregular migration.
    linkedGoals: [1],
    linkedActionPoints: ['1.4', '1.6'],
    source:
      'Seed 000 (Operational Cooperation pillar and Funding: 12 M € / 2019-2022, EU). Countries are the Silk Routes countries as defined in seed 000, footnote 1; the implementer is not named.',
  },
  {
    id: PROJECT_IDS.silkRoutesPartnership,
    name: 'Silk Routes Partnership Project',
    funders: [
      'European Union',
      'Hungary',
      'Bulgaria',
      'the Netherlands',
      'Norway',
      'Sweden',
      'Switzerland',
      'Turkey',
      'the United Kingdom',
    ],
    budget: { amount: 4_000_000, currency: 'EUR', approximate: false },
    periodStart: 2014,
    periodEnd: 2017,
    // Seed 003: "Afghanistan, Iraq and Pakistan, as well as Bangladesh and Iran (regional activities)".
    countries: SILK_ROUTES_COUNTRIES,
    implementingOrganisation: null,
    // Seed 003 lists among its objectives training on legal and irregular migration, return,
    // trafficking and protection, and data management; no narrower link is stated.
    linkedGoals: [],
    linkedActionPoints: [],
    source:
      'Seed 000, footnote 3 (4 M € / 2014-2017; Hungary is the Lead Partner). Seed 003 calls it "Support to the Silk Routes Partnership for Migration under the Budapest Process" and names its countries.',
  },
  {
    id: PROJECT_IDS.bridgingMeasures,
    name: 'Bridging Measures for Migration Management in the Silk Routes Region',
    funders: ['United Kingdom'],
    budget: { amount: 200_000, currency: 'EUR', approximate: true },
    periodStart: 2013,
    periodEnd: 2014,
    countries: [],
    implementingOrganisation: null,
    linkedGoals: [],
    linkedActionPoints: [],
    source: 'Seed 000, footnote 3 (~200.000 € / 2013-2014).',
  },
  {
    id: PROJECT_IDS.fosteringMigrationCooperation,
    name: 'Fostering Migration Cooperation in the Silk Routes Region',
    funders: ['The Netherlands', 'Norway', 'Sweden', 'Switzerland', 'Turkey'],
    budget: { amount: 620_000, currency: 'EUR', approximate: true },
    periodStart: 2011,
    periodEnd: 2013,
    countries: [],
    implementingOrganisation: null,
    linkedGoals: [],
    linkedActionPoints: [],
    source: 'Seed 000, footnote 3 (~ 620.000 € / 2011-2013).',
  },
  // The three "new projects" of seed 002 are named only; goal links follow from their names.
  {
    id: PROJECT_IDS.colep,
    name: 'Community of Law Enforcement Practitioners (COLEP)',
    funders: [],
    periodStart: null,
    periodEnd: null,
    countries: [],
    implementingOrganisation: null,
    linkedGoals: [1],
    linkedActionPoints: [],
    source: 'Seed 002, "3 new projects" (name only). Goal 1 is an editorial link from the name.',
  },
  {
    id: PROJECT_IDS.reinforcingReturn,
    name: 'Reinforcing Return and Reintegration',
    funders: [],
    periodStart: null,
    periodEnd: null,
    countries: [],
    implementingOrganisation: null,
    linkedGoals: [1],
    linkedActionPoints: [],
    source: 'Seed 002, "3 new projects" (name only). Goal 1 is an editorial link from the name.',
  },
  {
    id: PROJECT_IDS.vocationalTraining,
    name: 'Vocational training for Labour Migration',
    funders: [],
    periodStart: null,
    periodEnd: null,
    countries: [],
    implementingOrganisation: null,
    linkedGoals: [2],
    linkedActionPoints: [],
    source: 'Seed 002, "3 new projects" (name only). Goal 2 is an editorial link from the name.',
  },
  {
    id: PROJECT_IDS.samac,
    name: 'South Asia Migration and Climate (SAMAC)',
    funders: [],
    periodStart: null,
    periodEnd: null,
    countries: [],
    implementingOrganisation: null,
    parentProjectId: IMM,
    // Climate-induced migration is the subject of action point 7.5.
    linkedGoals: [7],
    linkedActionPoints: ['7.5'],
    source:
      'Seed 002, "Climate induced migration through gender lens": funded through the Facility Component of the IMM project.',
  },
];

/*
 * Impact level: each goal's own title, since a priority goal is the change the dialogue seeks.
 * Outcome and output level: the result figures seed 002 reports for the IMM project, attached
 * to the goal they evidence. They show the kind of statement the tool reports and are meant to
 * be rewritten by administrators as S.M.A.R.T. outputs/outcomes.
 */
const resultStatements: ResultStatement[] = [
  ...priorityGoals.map(
    (g): ResultStatement => ({
      id: `pg${g.number}-impact`,
      priorityGoal: g.number,
      level: 'impact',
      text: g.title,
      editableDefault: true,
      source: 'Seed 000, Implementation Plan table (priority goal title).',
    }),
  ),
  {
    id: 'pg1-outcome-irregular-emigration',
    priorityGoal: 1,
    level: 'outcome',
    text: '13% reduction on the likelihood of emigrating irregularly (from 21 to 8 %)',
    editableDefault: true,
    source: 'Seed 002, Awareness-raising: Migrant Resource Centres, RESULTS.',
  },
  {
    id: 'pg2-outcome-regular-migration',
    priorityGoal: 2,
    level: 'outcome',
    text: '6.7% increase on the likelihood of migrating regularly (from 73.2 to 79.9%) after MRC interventions',
    editableDefault: true,
    source: 'Seed 002, Awareness-raising: Migrant Resource Centres, RESULTS.',
  },
  {
    id: 'pg7-outcome-knowledge-attitude-practice',
    priorityGoal: 7,
    level: 'outcome',
    text: 'Change in the knowledge, attitude and practice on the part of government officials',
    editableDefault: true,
    source: 'Seed 002, Institutional and Capacity-building work, RESULTS.',
  },
  {
    id: 'pg7-output-individuals-capacitated',
    priorityGoal: 7,
    level: 'output',
    text: 'More than 7,000 individuals capacitated in more than 90 organisations/institutions',
    editableDefault: true,
    source:
      'Seed 002, Institutional and Capacity-building work, OUTPUTS (the icon artefact "RRR" of the extraction left out).',
  },
  {
    id: 'pg7-output-meeting-participants',
    priorityGoal: 7,
    level: 'output',
    text: 'ca. 2000 participants from an average of 37 countries',
    editableDefault: true,
    source: 'Seed 002, Support to the dialogue, OUTPUTS.',
  },
  {
    id: 'pg7-output-knowledge-products',
    priorityGoal: 7,
    level: 'output',
    text: '10 knowledge products produced and disseminated to Budapest Process network and beyond',
    editableDefault: true,
    source: 'Seed 002, Support to the dialogue, OUTPUTS.',
  },
];

/*
 * The raw data is kept private and every caller gets a freshly parsed copy, so a caller that
 * edits its framework (an administrator's draft) can never change the default for others.
 */
const data = {
  id: 'call-for-action-2019-2024-v1',
  name: 'Call for Action 2019-2024',
  // The seed gives the implementation period only in years ("2019-2024").
  periodStart: '2019-01-01',
  periodEnd: '2024-12-31',
  status: 'active',
  version: 1,
  priorityGoals,
  actionPoints,
  pillars,
  projects,
  resultStatements,
  regions,
} satisfies Framework;

/** A fresh, schema-validated copy of the default "Call for Action 2019-2024" framework. */
export function defaultFramework(): Framework {
  return Framework.parse(structuredClone(data));
}
