import terms from '$lib/i18n/en/terms';
import { dateFormat, labels, regionName } from '$lib/i18n/index.svelte';
import type { ActivityFormat, ActivityType, PillarId } from '$shared/framework/schema';
import { COUNTRY_CODES } from '$shared/surveys/countries';

/** Words for the enums of activities, as pages show them. */
export const TYPE_LABELS: Record<ActivityType, string> = labels('terms', terms, {
  training: 'training',
  thematic_meeting: 'thematicMeeting',
  working_group_meeting: 'workingGroupMeeting',
  expert_meeting: 'expertMeeting',
  workshop: 'workshop',
  study_visit: 'studyVisit',
  other: 'otherType',
});

export const FORMAT_LABELS: Record<ActivityFormat, string> = labels('terms', terms, {
  in_person: 'inPerson',
  online: 'online',
  hybrid: 'hybrid',
});

export const PILLAR_LABELS: Record<PillarId, string> = labels('terms', terms, {
  dialogue: 'pillarDialogue',
  operational_cooperation: 'pillarOperational',
  research_knowledge: 'pillarResearch',
});

/** The pillars' names in English, as a plan stores them when an administrator adds one. */
export const PILLAR_NAMES: Record<PillarId, string> = {
  dialogue: terms.pillarDialogue,
  operational_cooperation: terms.pillarOperational,
  research_knowledge: terms.pillarResearch,
};

const englishRegions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "PK" -> "Pakistan" in the language shown. */
export const countryName = (code: string) => regionName(code);

/** Every country, by English name, for a select (the list is built once; see `countryName` for display). */
export const COUNTRIES: { code: string; name: string }[] = COUNTRY_CODES.map((code) => ({
  code,
  name: englishRegions.of(code) ?? code,
})).sort((a, b) => a.name.localeCompare(b.name));

/** An ISO instant as the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (browser time zone) as an ISO instant; '' stays '' so validation names it. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

// In the language shown (see $lib/i18n); English keeps "19 May 2022".
const dayFormat = () => dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = () => dateFormat({ hour: '2-digit', minute: '2-digit' });

/** "19 May 2022 – 20 May 2022", or one day with its hours. */
export function dateRange(startsAt: string, endsAt: string): string {
  const [s, e] = [new Date(startsAt), new Date(endsAt)];
  const [sd, ed] = [dayFormat().format(s), dayFormat().format(e)];
  return sd === ed ? `${sd}, ${timeFormat().format(s)}–${timeFormat().format(e)}` : `${sd} – ${ed}`;
}
