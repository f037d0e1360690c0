import type { Catalogue } from '../../catalogue';

export default {
  title: 'Résultats par objectif prioritaire',
  intro:
    'La valeur de chaque indicateur actif pour la période choisie, face à sa référence et à sa cible. Chaque valeur indique quelle version de la définition l’a calculée et combien de répondants ou d’activités la fondent.',
  filters: 'Filtres',
  period: 'Période',
  wholePeriod: 'Toute la période',
  pillar: 'Pilier',
  allPillars: 'Tous les piliers',
  project: 'Projet',
  allProjects: 'Tous les projets',
  region: 'Région',
  allRegions: 'Toutes les régions',
  country: 'Pays',
  allCountries: 'Tous les pays',
  clearFilters: 'Effacer les filtres',
  loading: 'Chargement…',
  activeOne: '{n} indicateur actif',
  activeMany: '{n} indicateurs actifs',
  filtered: ', filtrés',
  exportLabel: 'Valeurs des indicateurs',
  exportNote:
    'Chaque indicateur, par année et ventilation, avec n, intervalle et version ; petits groupes masqués.',
  noneTitle: 'Aucun indicateur n’est encore actif.',
  noneText:
    'Les valeurs apparaissent ici dès qu’un administrateur a défini un indicateur, validé son contrôle S.M.A.R.T. et l’a activé.',
  toIndicators: 'Aller aux indicateurs',
  priorityGoal: 'Objectif prioritaire {n}',
  noIndicator: 'Aucun indicateur actif pour cet objectif.',
  target: 'Cible {value}',
  targetNotSet: 'Cible non fixée',
  computedWith: 'Calculé avec la version {version} de la définition',
  lowN: 'n faible : moins de {nOf} que cet indicateur n’en demande ; à lire avec prudence.',
} satisfies Catalogue['resultsOverview'];
