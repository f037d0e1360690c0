// The few Cognito user-pool calls the web app makes, as plain JSON requests: the SDK would add
// ~100 KB to the bundle for three calls. Same wire protocol for cognito-local and AWS.

export interface ClientConfig {
  region: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresAt: number;
}

export type SignInResult =
  | { kind: 'signed-in'; tokens: Tokens }
  | { kind: 'new-password-required'; session: string }
  /** The account has an authenticator app: the 6-digit code it shows now is asked for. */
  | { kind: 'code-required'; session: string };

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

let config: Promise<ClientConfig> | undefined;

/** The identity settings, read once from the API. */
export function clientConfig(): Promise<ClientConfig> {
  config ??= fetch('/api/config').then((r) => {
    if (!r.ok) throw new Error('The service is not reachable. Please try again.');
    return r.json() as Promise<ClientConfig>;
  });
  return config;
}

async function call<T>(target: string, body: Record<string, unknown>): Promise<T> {
  const { cognitoEndpoint } = await clientConfig();
  const res = await fetch(cognitoEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const type =
      String(json.__type ?? json.code ?? 'Error')
        .split('#')
        .pop() ?? 'Error';
    throw new CognitoError(type, String(json.message ?? json.Message ?? 'Sign-in failed.'));
  }
  return json as T;
}

interface AuthResponse {
  AuthenticationResult?: { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn?: number };
  ChallengeName?: string;
  Session?: string;
}

/**
 * When a token expires, from its own `exp` claim: for answers without `ExpiresIn` (cognito-local
 * leaves it out), so the session is not refreshed before every call.
 */
function expiryOf(jwt: string): number {
  try {
    const part = (jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const exp = Number((JSON.parse(atob(part)) as { exp?: unknown }).exp);
    return Number.isFinite(exp) ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

function tokensFrom(res: AuthResponse, refreshToken?: string): Tokens {
  const r = res.AuthenticationResult;
  if (!r) throw new CognitoError('Unexpected', 'Sign-in did not complete.');
  return {
    accessToken: r.AccessToken,
    idToken: r.IdToken,
    refreshToken: r.RefreshToken ?? refreshToken ?? '',
    expiresAt: r.ExpiresIn ? Date.now() + r.ExpiresIn * 1000 : expiryOf(r.AccessToken),
  };
}

/** USER_PASSWORD_AUTH; an invited user first gets a challenge to choose a password. */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  const { clientId } = await clientConfig();
  const res = await call<AuthResponse>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  if (res.ChallengeName === 'NEW_PASSWORD_REQUIRED' && res.Session) {
    return { kind: 'new-password-required', session: res.Session };
  }
  if (res.ChallengeName === 'SOFTWARE_TOKEN_MFA' && res.Session) {
    return { kind: 'code-required', session: res.Session };
  }
  return { kind: 'signed-in', tokens: tokensFrom(res) };
}

/** Answers the second-factor challenge with the code the authenticator app shows. */
export function answerCode(email: string, session: string, code: string): Promise<Tokens> {
  return answerChallenge('SOFTWARE_TOKEN_MFA', session, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code });
}

/** Answers a sign-in challenge of Cognito (`ChallengeName`) in the session it came with. */
async function answerChallenge(
  challenge: 'SOFTWARE_TOKEN_MFA' | 'NEW_PASSWORD_REQUIRED',
  session: string,
  responses: Record<string, string>,
): Promise<Tokens> {
  const { clientId } = await clientConfig();
  const res = await call<AuthResponse>('RespondToAuthChallenge', {
    ChallengeName: challenge,
    ClientId: clientId,
    Session: session,
    ChallengeResponses: responses,
  });
  return tokensFrom(res);
}

/** Starts adding an authenticator app: the secret it is given (as a QR code or typed in). */
export async function startAuthenticator(accessToken: string): Promise<string> {
  const res = await call<{ SecretCode?: string }>('AssociateSoftwareToken', { AccessToken: accessToken });
  if (!res.SecretCode) throw new CognitoError('Unexpected', 'No secret was returned.');
  return res.SecretCode;
}

/**
 * Finishes adding it with a code it shows, and makes it the second factor asked at every sign-in.
 * A wrong code throws (CodeMismatchException / EnableSoftwareTokenMFAException) and changes nothing.
 */
export async function confirmAuthenticator(accessToken: string, code: string): Promise<void> {
  await call('VerifySoftwareToken', {
    AccessToken: accessToken,
    UserCode: code,
    FriendlyDeviceName: 'Authenticator app',
  });
  await call('SetUserMFAPreference', {
    AccessToken: accessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
}

/** Whether the signed-in account has an authenticator app as its second factor. */
export async function hasAuthenticator(accessToken: string): Promise<boolean> {
  const res = await call<{ UserMFASettingList?: string[] }>('GetUser', { AccessToken: accessToken });
  return (res.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
}

/**
 * The `otpauth://` address an authenticator app reads from a QR code (Key Uri Format): the issuer
 * and the account name label the entry in the app.
 */
export function authenticatorUri(secret: string, account: string, issuer = 'Results and learning'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${q}`;
}

/** Answers the first-sign-in challenge with the user's own password. */
export function setNewPassword(email: string, session: string, password: string): Promise<Tokens> {
  return answerChallenge('NEW_PASSWORD_REQUIRED', session, { USERNAME: email, NEW_PASSWORD: password });
}

/** New access and ID tokens from the refresh token. */
export async function refresh(refreshToken: string): Promise<Tokens> {
  const { clientId } = await clientConfig();
  const res = await call<AuthResponse>('InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return tokensFrom(res, refreshToken);
}

/** Asks the identity provider to e-mail a password reset code (AWS: Cognito's e-mail; locally: the inbox). */
export async function forgotPassword(email: string): Promise<void> {
  const { clientId } = await clientConfig();
  await call('ForgotPassword', { ClientId: clientId, Username: email });
}

/** Sets a new password with the code from the reset e-mail. */
export async function confirmForgotPassword(email: string, code: string, password: string): Promise<void> {
  const { clientId } = await clientConfig();
  await call('ConfirmForgotPassword', {
    ClientId: clientId,
    Username: email,
    ConfirmationCode: code,
    Password: password,
  });
}
