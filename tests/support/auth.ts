import { inject } from 'vitest';

/** Signs in with USER_PASSWORD_AUTH against the (local) Cognito API, as the web app does. */
export async function signIn(
  email: string,
  password: string,
): Promise<{ accessToken: string; idToken: string; refreshToken: string }> {
  const env = inject('stackEnv');
  const res = await fetch(env.COGNITO_ENDPOINT as string, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: env.COGNITO_CLIENT_ID,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  const body = (await res.json()) as {
    AuthenticationResult?: { AccessToken: string; IdToken: string; RefreshToken: string };
  };
  if (!body.AuthenticationResult) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(body)}`);
  const r = body.AuthenticationResult;
  return { accessToken: r.AccessToken, idToken: r.IdToken, refreshToken: r.RefreshToken };
}
