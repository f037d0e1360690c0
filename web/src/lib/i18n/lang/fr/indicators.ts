import type { Catalogue } from '../../catalogue';

export default {
  title: 'Indicateurs',
  newIndicator: 'Nouvel indicateur',
  searchPlaceholder: 'Code ou nom',
  framework: 'Cadre',
  activeFramework: 'Cadre actif',
  status: 'Statut',
  all: 'Tous',
  indicatorForms: 'indicateur|indicateurs',
  noCode: 'Sans code',
  untitled: 'Sans titre',
  smartTitle: 'Spécifique, mesurable, atteignable, pertinent, temporellement défini',
  openFindings: 'Lettres avec des constats ouverts',
  missing: 'manque {letters}',
  none: 'Aucun indicateur ne correspond à ces filtres.',
} satisfies Catalogue['indicators'];
