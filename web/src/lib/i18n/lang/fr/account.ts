import type { Catalogue } from '../../catalogue';

export default {
  title: 'Votre compte',
  twoStep: 'Connexion en deux étapes',
  checking: 'Vérification…',
  on: 'Activée : après votre mot de passe, la connexion demande le code à 6 chiffres de votre application d’authentification.',
  off: 'Désactivée : votre mot de passe suffit pour vous connecter.',
  why: 'Une application d’authentification (par exemple Google Authenticator, Microsoft Authenticator ou FreeOTP) rend inutile à elle seule un mot de passe volé. Elle peut être exigée des administrateurs.',
  add: 'Ajouter une application d’authentification',
  scan: 'Scannez ce code QR avec l’application, ou saisissez-y la clé ci-dessous. Saisissez ensuite le code à 6 chiffres qu’elle affiche.',
  qrLabel: 'Code QR à scanner avec une application d’authentification',
  key: 'Clé (à saisir au lieu de scanner)',
  code: 'Code de l’application',
  confirm: 'Confirmer',
  cancel: 'Annuler',
  added:
    'La connexion en deux étapes est activée. Désormais, la connexion demande le code de votre application.',
  codeWrong:
    'Ce code n’est pas le bon. Saisissez le code affiché maintenant par l’application (il change toutes les 30 secondes).',
  failed: 'La configuration a échoué : {reason}',
} satisfies Catalogue['account'];
