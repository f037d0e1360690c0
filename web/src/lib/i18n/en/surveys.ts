/** The list of surveys. */
export default {
  title: 'Surveys',
  searchPlaceholder: 'Survey or activity title',
  kind: 'Kind',
  allKinds: 'All kinds',
  surveyForms: 'survey|surveys',
  closes: 'closes {date}',
  results: 'Results',
  none: 'No survey matches these filters.',
};
