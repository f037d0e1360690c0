/** The project map and the indicator's values across framework versions. */
export default {
  mapFailed: 'The map could not be drawn; the table below has the same figures.',
  mapDesc: '{n} countries shaded by number of projects; the table below lists them.',
  projects: 'project|projects',
  openList: 'Open the list.',
  perCountry: 'Projects per country',
  legend: 'Legend',
  none: 'none',
  acrossTitle: 'Across framework versions',
  acrossIntro:
    "This indicator was carried over between framework versions. Each column keeps the values computed under its own framework and period; none was recomputed with the other's definition.",
  frameworkLine: 'Framework v{fv} · indicator {code} v{v} · {status}',
  whatChanged: 'What changed when carried over',
  perYear: '{code}, {framework}, values per year',
  period: 'Period',
  value: 'Value',
  version: 'Version',
  noValues: 'No values.',
  openResults: 'Open the results of this version',
};
