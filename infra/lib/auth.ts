import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

/** Groups the API checks for authorisation; names are part of the API contract. */
export const GROUPS = ['admin', 'evaluator'] as const;

/** Identity: accounts are created by admins only (invitations), never by self sign-up. */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Staff may add an authenticator app (TOTP); no SMS (cost, SIM swapping). See COG2 below.
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Essentials: no monthly charge for small user counts; threat protection needs Plus.
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const groupName of GROUPS) {
      this.userPool.addGroup(`Group-${groupName}`, {
        groupName,
        description: `Members have the ${groupName} role`,
      });
    }

    // The SPA signs in with USER_PASSWORD_AUTH against cognito-idp directly: no hosted UI,
    // so OAuth is off, and a public client cannot keep a secret.
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: true },
      disableOAuth: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP) for the pool: Cognito cannot require it per group, participants never sign in, and administrators are to be held to it by the API once the web sign-in handles the TOTP challenge (docs/deploy.md); strong passwords and no self sign-up meanwhile.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials instead of Plus: Plus is billed per monthly active user for threat protection (advanced security); accounts are created by admins only and passwords are strong, so the risk it covers is small.',
      },
    );
  }
}
