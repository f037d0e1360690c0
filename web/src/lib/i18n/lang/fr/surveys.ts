import type { Catalogue } from '../../catalogue';

export default {
  title: 'Questionnaires',
  searchPlaceholder: 'Titre du questionnaire ou de l’activité',
  kind: 'Type',
  allKinds: 'Tous les types',
  surveyForms: 'questionnaire|questionnaires',
  closes: 'clôture le {date}',
  results: 'Résultats',
  none: 'Aucun questionnaire ne correspond à ces filtres.',
} satisfies Catalogue['surveys'];
