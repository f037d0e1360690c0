import type { Catalogue } from '../../catalogue';

export default {
  linkMade: 'Lien de partage créé. Copiez-le maintenant : il n’est affiché qu’une fois.',
  confirmRevoke: 'Révoquer ce lien ? Quiconque l’ouvrira apprendra que le résumé a été retiré.',
  revoked: 'Lien révoqué.',
  confirmResend: 'Renvoyer le résumé à tout le monde ?',
  sent: '{sent} e-mails envoyés sur {recipients}.',
  sentFailed: '{sent} e-mails envoyés sur {recipients} ({failed} en échec).',
  copied: 'Lien copié.',
  selectCopy: 'Sélectionnez le lien et copiez-le.',
  pageTitle: 'Retour aux participants',
  back: '← Résultats du questionnaire',
  loading: 'Chargement…',
  title: 'Retour à celles et ceux qui ont participé',
  intro:
    'Un court résumé des résultats pour les organisateurs et les participants de l’activité : les chiffres portant sur moins de 5 personnes ne sont jamais affichés.',
  notClosed:
    'Le questionnaire reçoit des réponses jusqu’au {date}. Son résumé pourra être partagé une fois clos.',
  summary: 'Résumé',
  previewIn: 'Aperçu en',
  email: 'E-mail',
  emailIntro:
    'À toutes les personnes de la liste de présence ayant une adresse e-mail, chacune dans la langue de son invitation (sinon la première langue du questionnaire), et aux organisateurs ci-dessous.',
  organisers: 'Adresses e-mail des organisateurs (facultatif)',
  sendingStarted: 'Envoi commencé le {date} : {sent} e-mails envoyés sur {recipients} jusqu’ici.',
  continueSending: 'Poursuivre l’envoi',
  sentOn: 'Envoyé le {date} : {sent} e-mails sur {recipients}',
  failed: ', {n} en échec',
  round: ' (tour {n})',
  sendAgain: 'Renvoyer',
  sendSummary: 'Envoyer le résumé',
  links: 'Liens de partage',
  linksIntro:
    'Une page en lecture seule avec le même résumé, dans les langues des participants. Les chiffres sont ceux du moment où le lien est créé.',
  makeLink: 'Créer un lien de partage',
  newLink: 'Nouveau lien (affiché une fois)',
  copy: 'Copier',
  made: 'Créé le {date}',
  noFigures: 'pas de chiffres (moins de 5 répondants)',
  respondents: '{n} répondants',
  revokedTag: 'révoqué',
  revoke: 'Révoquer',
} satisfies Catalogue['feedback'];
