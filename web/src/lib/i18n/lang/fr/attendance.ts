import type { Catalogue } from '../../catalogue';

export default {
  needHeader:
    'La première ligne doit nommer les colonnes : name, email, country, organisation, gender, language.',
  tooMany: 'Le fichier compte {n} lignes ; importez-en au plus {max} à la fois.',
  rowError: 'Ligne {row} : {field} {message}',
  heading: 'Importer une liste de présence',
  hintStart: 'Un fichier CSV avec une ligne d’en-tête :',
  hintEnd:
    '. Les pays en toutes lettres ou en codes à deux lettres ; le genre en female, male, other ou undisclosed (F/M fonctionnent aussi) ; la langue des e-mails de la personne en en, ru, ar, fa, prs, ps, ur, fr ou tr (ou le nom de la langue ; vide : celle du questionnaire par défaut). Les personnes déjà sur la liste sont ignorées.',
  csvFile: 'Fichier CSV',
  readyForms: 'personne prête|personnes prêtes',
  problemForms:
    'ligne a des problèmes et ne sera pas envoyée|lignes ont des problèmes et ne seront pas envoyées',
  preview: 'Aperçu du fichier',
  row: 'Ligne',
  name: 'Nom',
  email: 'E-mail',
  country: 'Pays',
  organisation: 'Organisation',
  gender: 'Genre',
  language: 'Langue',
  female: 'femme',
  male: 'homme',
  other: 'autre',
  undisclosed: 'non précisé',
  importing: 'Importation…',
  personForms: 'personne|personnes',
  import: 'Importer {people}',
  unknownCountry: 'Pays inconnu « {value} ».',
  unknownGender: 'Genre inconnu « {value} » (utilisez female, male, other ou undisclosed).',
  unknownLanguage: 'Langue inconnue « {value} » (utilisez {languages}).',
  nameMissing: 'Le nom manque.',
  notEmail: '« {value} » n’est pas une adresse e-mail.',
} satisfies Catalogue['attendance'];
