import type { Catalogue } from '../../catalogue';

export default {
  heading: 'Détacher ou archiver',
  detachIntro:
    'Rattaché par erreur ? Le détacher supprime ce questionnaire, son lien et son code QR (ils cessent de fonctionner), ses e-mails programmés et ses invitations. Personne n’y a répondu : aucune donnée n’est perdue.',
  detach: 'Détacher ce questionnaire',
  confirmDetach: 'Détacher « {title} » ? Son lien et son code QR cesseront de fonctionner.',
  answeredIntro:
    'Ce questionnaire a {responses} : il reste rattaché, car ses réponses sont la source de ses chiffres. L’archiver le ferme aux réponses et aux e-mails, le met en lecture seule et l’exclut de la liste des questionnaires ; ses réponses comptent toujours (excluez-les une à une pour retirer des réponses de test).',
  responseForms: 'réponse|réponses',
  archive: 'Archiver ce questionnaire',
  confirmArchive:
    'Archiver « {title} » ? Son lien n’acceptera plus de réponses et aucune invitation ni aucun rappel ne partira plus.',
  archivedOn:
    'Archivé le {date} : fermé aux réponses et aux e-mails, en lecture seule et exclu de la liste des questionnaires. Ses réponses comptent toujours.',
  bringBack: 'Sortir de l’archive',
  archived: 'Archivé',
} satisfies Catalogue['surveyLifecycle'];
