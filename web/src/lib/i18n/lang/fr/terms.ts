import type { Catalogue } from '../../catalogue';

export default {
  training: 'Formation',
  thematicMeeting: 'Réunion thématique',
  workingGroupMeeting: 'Réunion de groupe de travail',
  expertMeeting: 'Réunion d’experts',
  workshop: 'Atelier',
  studyVisit: 'Visite d’étude',
  otherType: 'Autre',
  inPerson: 'En présentiel',
  online: 'En ligne',
  hybrid: 'Hybride (présentiel et en ligne)',
  preTest: 'Pré-test',
  postEvent: 'Après l’événement',
  followUp: 'Suivi',
  open: 'Ouvert',
  notYetOpen: 'Pas encore ouvert',
  closed: 'Clos',
  draft: 'Brouillon',
  active: 'Actif',
  retired: 'Retiré',
} satisfies Catalogue['terms'];
