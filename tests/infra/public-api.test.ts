import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { PublicApi } from '../../infra/lib/public-api.js';

// The participants' Lambda on its own (infra/lib/public-api.ts), in a bare stack: its route, its
// entry and its permissions. The full stacks (with cdk-nag) are checked in stacks.test.ts.

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
let template: Template;

beforeAll(() => {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true },
  });
  const stack = new Stack(app, 'PublicApiTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const table = dynamodb.TableV2.fromTableName(stack, 'Table', 'rlt-table');
  const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abc');
  const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client123');
  const httpApi = new apigw.HttpApi(stack, 'HttpApi');
  new PublicApi(stack, 'PublicApi', { httpApi, table, userPool, client });
  template = Template.fromStack(stack);
}, 60_000);

describe('the participants Lambda (public-api.ts)', () => {
  it('serves ANY /api/public/{proxy+} through its own function', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(keys).toEqual(['ANY /api/public/{proxy+}']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('PublicFunction'), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('runs handlers/public.ts on arm64 nodejs24.x with the table and the pool ids, and nothing to send mail', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Handler: string; Environment: { Variables: Record<string, unknown> } };
    }[];
    expect(functions).toHaveLength(1);
    expect(functions[0]?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Description: 'Participants API (/api/public/*)',
      Environment: {
        Variables: {
          TABLE_NAME: 'rlt-table',
          COGNITO_USER_POOL_ID: 'eu-west-1_abc',
          COGNITO_CLIENT_ID: 'client123',
        },
      },
    });
    expect(functions[0]?.Properties.Environment.Variables).not.toHaveProperty('MAIL_FROM');
  });

  it('may use the table items and its own logs only: no SES, no Cognito, no wildcard action', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
      Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } };
    }[];
    const actions = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    );
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
    );
    expect(actions.filter((a) => /^(ses|cognito-idp):|\*$/.test(a))).toEqual([]);
  });
});
