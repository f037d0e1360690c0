/** The list of indicators. */
export default {
  title: 'Indicators',
  newIndicator: 'New indicator',
  searchPlaceholder: 'Code or name',
  framework: 'Framework',
  activeFramework: 'Active framework',
  status: 'Status',
  all: 'All',
  indicatorForms: 'indicator|indicators',
  noCode: 'No code',
  untitled: 'Untitled',
  smartTitle: 'Specific, measurable, achievable, relevant, time-bound',
  openFindings: 'Letters with open findings',
  missing: 'missing {letters}',
  none: 'No indicator matches these filters.',
};
