import { PROJECT_IDS } from './default-framework.js';
import { DemoActivity } from './schema.js';

/*
 * Demo activities for a fresh installation, taken from the meeting reports among the seeds
 * (001: Ohrid 2022, 004: Sofia 2023) and from the Budapest Process calendar 2016 in the
 * compendium (003). Only stated facts are used. Two derivations are applied throughout:
 * - pillar: working group and thematic meetings belong to Dialogue, trainings, workshops and
 *   study visits to Operational Cooperation, as the pillar descriptions in seed 000 say;
 * - where a report names no goal or action point, a mapping is added only when the title
 *   makes it plain, and `mappingNote` says so.
 * Left out on purpose: calendar entries whose date is "(tbc)" (e.g. the National Training
 * Afghanistan, Kabul, October 2016), project steering and advisory board meetings (internal
 * governance, not dialogue activities), and the October 2021 joint SEE/SR meeting that seed
 * 001 mentions without date or place.
 */

// Seed 003 lists the three 2016 national trainings under this one title, per country.
const NATIONAL_TRAINING_TOPICS =
  'Legal Migration, Labour Migration and Integration & Irregular Migration, Return, Human Trafficking and Migrant Smuggling';

const NATIONAL_TRAINING_MAPPING =
  'Goals 1, 2, 3 and 5 follow from the training topics; the training predates the Call for Action, so no action point.';

const activities: DemoActivity[] = [
  // Seed 001: report of the joint working groups meeting, Ohrid, 19-20 May 2022.
  {
    id: 'ohrid-2022-joint-working-groups',
    title:
      'Joint Working Groups Meeting on Enhancing Cooperation between South East European and the Silk Routes Countries',
    type: 'working_group_meeting',
    startDate: '2022-05-19',
    endDate: '2022-05-20',
    dateText: '19-20 May 2022',
    // "Location: Ohrid, North Macedonia and online".
    format: 'hybrid',
    place: { city: 'Ohrid', country: 'MK' },
    actionPointCodes: ['7.10'],
    pillar: 'dialogue',
    projectId: null,
    // "The three sessions therefore focused on Priority Goals 1 and 5 and 6".
    priorityGoals: [1, 5, 6],
    attendance: {
      participants: 70,
      countriesAndOrganisations: 30,
      // The report lists 23 countries and 7 organisations, which add up to the stated 30.
      countries: 23,
      organisations: 7,
      statedText: '70 participants from 30 countries and organisations',
    },
    participatingCountries: [
      'AL',
      'AT',
      'AZ',
      'BD',
      'BA',
      'BG',
      'CZ',
      'FI',
      'FR',
      'DE',
      'HU',
      'IR',
      'IQ',
      'ME',
      'MK',
      'PK',
      'PL',
      'RS',
      'SI',
      'SE',
      'CH',
      'TR',
      'GB',
    ],
    source: 'Seed 001 (report, sections 1-4).',
    mappingNote:
      'Action point 7.10 is an editorial mapping: the report says the SEE and SR working groups proposed to work together while developing the Implementation Plan, which is what 7.10 asks for.',
  },
  // Seed 004: summary of the thematic meeting on integrated border management, Sofia, 4-5 October 2023.
  {
    id: 'sofia-2023-integrated-border-management',
    title: 'Thematic Meeting on Integrated Border Management (with a focus on the Silk Routes Countries)',
    type: 'thematic_meeting',
    startDate: '2023-10-04',
    endDate: '2023-10-05',
    dateText: '4-5 October 2023',
    format: 'in_person',
    place: { city: 'Sofia', country: 'BG' },
    actionPointCodes: [],
    pillar: 'dialogue',
    projectId: null,
    priorityGoals: [1],
    attendance: {
      participants: 61,
      countries: 18,
      organisations: 6,
      statedText: '61 participants from 18 countries and 6 organisations',
    },
    participatingCountries: [
      'AM',
      'BD',
      'BE',
      'BA',
      'BG',
      'CZ',
      'DK',
      'GE',
      'HU',
      'IQ',
      'KG',
      'ME',
      'NL',
      'MK',
      'PK',
      'RS',
      'UA',
      'GB',
    ],
    source:
      'Seed 004 (summary, sections 1-3); first meeting of the Thematic Working Group on Law Enforcement Cooperation.',
    mappingNote:
      'Goal 1 is an editorial mapping: the report names no goal, but it is about border management to prevent irregular migration and cross-border crime.',
  },
  // Seed 003, Budapest Process calendar 2016: "2 - 6 May, Islamabad: National Training Pakistan - ...", SRP project PAK.
  {
    id: 'islamabad-2016-national-training',
    title: `National Training Pakistan - ${NATIONAL_TRAINING_TOPICS}`,
    type: 'training',
    startDate: '2016-05-02',
    endDate: '2016-05-06',
    dateText: '2 - 6 May 2016',
    format: 'in_person',
    place: { city: 'Islamabad', country: 'PK' },
    actionPointCodes: [],
    pillar: 'operational_cooperation',
    projectId: PROJECT_IDS.silkRoutesPartnership,
    priorityGoals: [1, 2, 3, 5],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", May 2016.',
    mappingNote: NATIONAL_TRAINING_MAPPING,
  },
  // Seed 003: "7 - 11 Aug, Erbil, Iraq: National Training Iraq - ...", SRP project IQ.
  {
    id: 'erbil-2016-national-training',
    title: `National Training Iraq - ${NATIONAL_TRAINING_TOPICS}`,
    type: 'training',
    startDate: '2016-08-07',
    endDate: '2016-08-11',
    dateText: '7 - 11 Aug 2016',
    format: 'in_person',
    place: { city: 'Erbil', country: 'IQ' },
    actionPointCodes: [],
    pillar: 'operational_cooperation',
    projectId: PROJECT_IDS.silkRoutesPartnership,
    priorityGoals: [1, 2, 3, 5],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", August 2016.',
    mappingNote: NATIONAL_TRAINING_MAPPING,
  },
  // Seed 003: "15 – 17 May, Tehran: 5th Regional Training - International Protection", SRP project SR.
  {
    id: 'tehran-2016-regional-training-international-protection',
    title: '5th Regional Training - International Protection',
    type: 'training',
    startDate: '2016-05-15',
    endDate: '2016-05-17',
    dateText: '15 – 17 May 2016',
    format: 'in_person',
    place: { city: 'Tehran', country: 'IR' },
    actionPointCodes: [],
    pillar: 'operational_cooperation',
    projectId: PROJECT_IDS.silkRoutesPartnership,
    priorityGoals: [6],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", May 2016.',
    mappingNote: 'Goal 6 (international protection) follows from the title.',
  },
  // Seed 003: "18 – 19 May, Tehran: 8th SR Working Group Meeting", Budapest Process BP.
  {
    id: 'tehran-2016-8th-silk-routes-working-group',
    title: '8th SR Working Group Meeting',
    type: 'working_group_meeting',
    startDate: '2016-05-18',
    endDate: '2016-05-19',
    dateText: '18 – 19 May 2016',
    format: 'in_person',
    place: { city: 'Tehran', country: 'IR' },
    actionPointCodes: [],
    pillar: 'dialogue',
    projectId: null,
    priorityGoals: [],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", May 2016.',
  },
  // Seed 003: "16 – 17 Mar, Ankara: Pilot Project 2: Silk Routes - RELEC – Objective setting workshop", PP2 SR + TR.
  {
    id: 'ankara-2016-relec-objective-setting-workshop',
    title: 'Pilot Project 2: Silk Routes - RELEC – Objective setting workshop',
    type: 'workshop',
    startDate: '2016-03-16',
    endDate: '2016-03-17',
    dateText: '16 – 17 Mar 2016',
    format: 'in_person',
    place: { city: 'Ankara', country: 'TR' },
    actionPointCodes: [],
    pillar: 'operational_cooperation',
    // PP2 is "SRP Pilot Project 2" in the calendar's abbreviations.
    projectId: PROJECT_IDS.silkRoutesPartnership,
    priorityGoals: [],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", March 2016.',
  },
  // Seed 003: "6 - 8 Sep, Stockholm, Sweden: Study visit", SRP project SR.
  {
    id: 'stockholm-2016-study-visit',
    title: 'Study visit',
    type: 'study_visit',
    startDate: '2016-09-06',
    endDate: '2016-09-08',
    dateText: '6 - 8 Sep 2016',
    format: 'in_person',
    place: { city: 'Stockholm', country: 'SE' },
    actionPointCodes: [],
    pillar: 'operational_cooperation',
    projectId: PROJECT_IDS.silkRoutesPartnership,
    priorityGoals: [],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", September 2016.',
  },
  // Seed 003: "18 – 19 Oct, Belgrade, Serbia: 9th SR Working Group Meeting", Budapest Process BP.
  {
    id: 'belgrade-2016-9th-silk-routes-working-group',
    title: '9th SR Working Group Meeting',
    type: 'working_group_meeting',
    startDate: '2016-10-18',
    endDate: '2016-10-19',
    dateText: '18 – 19 Oct 2016',
    format: 'in_person',
    place: { city: 'Belgrade', country: 'RS' },
    actionPointCodes: [],
    pillar: 'dialogue',
    projectId: null,
    priorityGoals: [],
    attendance: null,
    participatingCountries: [],
    source: 'Seed 003, Budapest Process, "Meetings organized (or planned for) in 2016", October 2016.',
  },
];

/** Fresh, schema-validated copies of the demo activities described in seeds 001, 003 and 004. */
export function demoActivities(): DemoActivity[] {
  return activities.map((a) => DemoActivity.parse(structuredClone(a)));
}
