import type { Catalogue } from '../../catalogue';

export default {
  nobodyNew:
    'Personne de nouveau à inviter : toutes les personnes de la liste de présence ayant une adresse e-mail ont été invitées.',
  invitationForms: 'invitation|invitations',
  queued:
    '{invitations} en file d’attente : elles partent dans les prochaines minutes, chacune dans la langue de la personne.',
  statusQueued: 'En attente',
  statusSending: 'Envoi en cours',
  statusSent: 'Envoyée',
  statusFailed: 'Échec',
  statusBounced: 'Non remise',
  countQueued: 'en attente|en attente',
  countSending: 'en cours d’envoi|en cours d’envoi',
  countSent: 'envoyée|envoyées',
  countFailed: 'en échec|en échec',
  countBounced: 'non remise|non remises',
  heading: 'Invitations',
  intro:
    'Chaque personne de la liste de présence ayant une adresse e-mail reçoit un lien personnel. Les réponses restent anonymes : la liste montre qui a répondu, jamais ce qui a été répondu.',
  queuing: 'Mise en file…',
  sendNow: 'Envoyer les invitations maintenant',
  answeredOf: '{answered} des {invited} invités ont répondu.',
  byStatus: 'Invitations par statut',
  caption: 'Invitations et leur statut',
  name: 'Nom',
  language: 'Langue',
  status: 'Statut',
  reminders: 'Rappels',
  answered: 'A répondu',
  yes: 'Oui',
  notYet: 'Pas encore',
  noneYet: 'Aucune invitation envoyée pour l’instant.',
} satisfies Catalogue['invitations'];
