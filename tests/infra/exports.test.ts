import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExportsApi } from '../../infra/lib/exports.js';

// The export Lambda on its own (infra/lib/exports.ts), in a bare stack: its entry, its streamed
// function URL and its permissions. The full stacks (with cdk-nag) are checked in stacks.test.ts.

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
let template: Template;

beforeAll(() => {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true },
  });
  const stack = new Stack(app, 'ExportsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const table = dynamodb.TableV2.fromTableName(stack, 'Table', 'rlt-table');
  const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abc');
  const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client123');
  new ExportsApi(stack, 'Exports', {
    table,
    userPool,
    client,
    origin: { headerName: 'x-origin-verify', headerValue: 'secret-value-of-twenty-chars' },
  });
  template = Template.fromStack(stack);
}, 60_000);

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const statements = () =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the export Lambda (exports.ts)', () => {
  it('runs handlers/exports.ts behind a streamed function URL, with the origin secret', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Description: 'Exports (/api/exports/*), streamed',
      Timeout: 300,
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: 'rlt-table',
          ORIGIN_SECRET: 'secret-value-of-twenty-chars',
          COGNITO_USER_POOL_ID: 'eu-west-1_abc',
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Url', { InvokeMode: 'RESPONSE_STREAM', AuthType: 'NONE' });
  });

  it('may read the table, write only audit items, and read two Cognito facts; nothing else', () => {
    const all = statements();
    const dynamo = all.filter((s) => actions(s).some((a) => a.startsWith('dynamodb:')));
    const writes = dynamo.flatMap(actions).filter((a) => /Put|Update|Delete|Write/.test(a));
    expect(writes).toEqual(['dynamodb:PutItem']);
    const put = dynamo.find((s) => actions(s).includes('dynamodb:PutItem'));
    expect(put?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } });
    const cognitoActions = all.flatMap(actions).filter((a) => a.startsWith('cognito-idp:'));
    expect(cognitoActions.sort()).toEqual(['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser']);
    expect(all.flatMap(actions).some((a) => a.startsWith('ses:') || a.startsWith('sqs:'))).toBe(false);
  });
});
