import type { Catalogue } from '../../catalogue';

export default {
  title: 'Connexion',
  intro:
    'Pour le secrétariat, les évaluateurs et les administrateurs. Les participants répondent aux questionnaires depuis le lien ou le code QR reçu et n’ont pas besoin de compte.',
  expired: 'Votre session a expiré. Veuillez vous reconnecter.',
  signedOut: 'Vous êtes déconnecté.',
  codeWrong: 'Ce code est erroné ou a expiré. Vérifiez l’e-mail ou demandez un nouveau code.',
  passwordRejected: 'Ce mot de passe n’est pas accepté : {reason}',
  wrongCredentials: 'L’e-mail ou le mot de passe est erroné.',
  unreachable: 'Le service de connexion est injoignable. Vérifiez votre connexion et réessayez.',
  forgotIntro:
    'Saisissez l’adresse e-mail de votre compte : nous y envoyons un code pour choisir un nouveau mot de passe.',
  email: 'E-mail',
  password: 'Mot de passe',
  sending: 'Envoi…',
  sendCode: 'M’envoyer un code',
  backToSignIn: 'Retour à la connexion',
  codeSent: 'Si {email} a un compte, un code est en route.',
  code: 'Code reçu par e-mail',
  newPassword: 'Nouveau mot de passe',
  passwordHelp: 'Au moins 8 caractères avec majuscules et minuscules, un chiffre et un symbole.',
  saving: 'Enregistrement…',
  setPassword: 'Définir le mot de passe et se connecter',
  newCode: 'Envoyer un nouveau code',
  signingIn: 'Connexion…',
  signIn: 'Se connecter',
  forgot: 'Mot de passe oublié ?',
  welcome: 'Bienvenue ! Choisissez votre mot de passe pour terminer la création de votre compte.',
  appCodeIntro:
    'Votre compte a une connexion en deux étapes : saisissez le code à 6 chiffres qu’affiche maintenant votre application d’authentification.',
  appCode: 'Code de l’application d’authentification',
  verify: 'Vérifier et se connecter',
  appCodeWrong:
    'Ce code n’est pas le bon. Saisissez le code affiché maintenant par l’application (il change toutes les 30 secondes).',
  appCodeExpired: 'La connexion a pris trop de temps. Veuillez saisir à nouveau votre mot de passe.',
} satisfies Catalogue['signin'];
