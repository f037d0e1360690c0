import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rollups } from '../../infra/lib/rollups.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

let dir: string;
let template: Template;
let violations: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'infra-rollups-'));
  const app = new App({
    outdir: join(dir, 'cdk.out'),
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:disable-asset-staging': true,
      '@aws-cdk/core:failSynthOnValidationErrors': false,
    },
  });
  const stack = new Stack(app, 'RollupsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const table = new dynamodb.TableV2(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  new Rollups(stack, 'Rollups', { table });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  template = Template.fromStack(stack);
  const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
  };
  violations = report.pluginReports
    .flatMap((p) => p.violations)
    .flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}`))
    .filter((v) => v.includes('/Rollups/'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roll-ups construct', () => {
  it('runs the consumer on the table stream, one batch per shard, retried, failures to a queue, own items filtered out', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          { Pattern: Match.stringLikeRegexp('"NewImage".*anything-but.*rollup-applied') },
          { Pattern: Match.stringLikeRegexp('"OldImage".*anything-but.*rollup-applied') },
        ],
      },
    });
  });

  it('gives the consumer read access to the stream only, and a rebuild function of 15 minutes', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: [
              'dynamodb:DescribeStream',
              'dynamodb:GetRecords',
              'dynamodb:GetShardIterator',
              'dynamodb:ListStreams',
            ],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Table'), 'StreamArn'] },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      Description: Match.stringLikeRegexp('Recomputes aggregates and roll-ups'),
    });
    template.hasOutput('*', { Description: Match.stringLikeRegexp('aws lambda invoke') });
  });

  it('passes cdk-nag (AwsSolutions) for its own resources', () => {
    expect(violations).toEqual([]);
  });
});
