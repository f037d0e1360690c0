/** The account page: two-step sign-in with an authenticator app. */
export default {
  title: 'Your account',
  twoStep: 'Two-step sign-in',
  checking: 'Checking…',
  on: 'On: signing in asks for the 6-digit code of your authenticator app after your password.',
  off: 'Off: your password alone signs you in.',
  why: 'An authenticator app (for example Google Authenticator, Microsoft Authenticator or FreeOTP) makes a stolen password useless on its own. Administrators may be required to have one.',
  add: 'Add an authenticator app',
  scan: 'Scan this QR code with the app, or type the key below into it. Then type the 6-digit code it shows.',
  qrLabel: 'QR code to scan with an authenticator app',
  key: 'Key (to type in instead of scanning)',
  code: 'Code from the app',
  confirm: 'Confirm',
  cancel: 'Cancel',
  added: 'Two-step sign-in is on. From now on, signing in asks for the code of your app.',
  codeWrong: 'This code is not right. Type the code the app shows now (it changes every 30 seconds).',
  failed: 'It could not be set up: {reason}',
};
