import type { Catalogue } from '../../catalogue';

export default {
  title: 'Accueil',
  welcome: 'Bienvenue',
  welcomeRole: 'Bienvenue, {role}',
  administrator: 'administrateur',
  evaluator: 'évaluateur',
  noRole:
    'Votre compte n’a pas encore de rôle. Un administrateur peut vous donner le rôle d’évaluateur ou d’administrateur.',
  intro:
    'Des questionnaires après les formations et réunions, transformés en valeurs d’indicateurs S.M.A.R.T. pour chaque objectif prioritaire du plan d’action.',
  results: 'Résultats',
  resultsText:
    'Valeurs des indicateurs par objectif prioritaire face aux références et aux cibles, jusqu’aux acquis de chaque activité.',
  framework: 'Cadre de résultats',
  frameworkText: 'Objectifs prioritaires, points d’action, piliers et énoncés de résultats, par version',
  frameworkAdmin: ' ; créer et activer des révisions',
  projects: 'Projets',
  projectsText: 'La carte des projets sur le terrain : bailleurs, budgets, périodes et pays.',
  activities: 'Activités',
  activitiesText: 'Réunions, formations et visites d’étude, avec leurs participants',
  activitiesAdmin: ' ; en enregistrer de nouvelles',
  indicators: 'Indicateurs',
  indicatorsText: 'Indicateurs S.M.A.R.T. par objectif prioritaire, avec références, cibles et versions',
  indicatorsAdmin: ' ; en définir de nouveaux',
  users: 'Utilisateurs et rôles',
  usersText: 'Inviter des évaluateurs et des administrateurs, changer les rôles.',
  audit: 'Journal d’audit',
  auditText: 'Qui a changé quoi et quand, pour les activités, questionnaires, indicateurs et le cadre.',
  api: 'Référence de l’API',
  apiText: 'Chaque point d’accès, ses entrées et ses erreurs.',
  apiTitle: 'Référence de l’API',
  apiIntro:
    'Générée à partir des mêmes schémas zod qui valident chaque requête. Le document brut se trouve à',
  apiFailed: 'Le visualiseur de la référence n’a pas pu se charger ; le document brut est ci-dessus.',
} satisfies Catalogue['home'];
