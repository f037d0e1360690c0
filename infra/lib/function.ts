import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { table as definition } from '../../functions/src/lib/table.js';
import { bundleLambdaSync } from './bundling.js';
import { fromRoot, repoRoot } from './paths.js';

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * Item-level access to the table and its named indexes. Unlike table.grantReadWriteData this
 * names each index (no `index/*` wildcard) and leaves out stream and DescribeTable actions,
 * which the handlers never call. Transactions need no actions of their own.
 */
export function tableDataStatement(
  table: dynamodb.ITableV2,
  access: 'read' | 'readWrite',
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: access === 'read' ? READ_ACTIONS : [...READ_ACTIONS, ...WRITE_ACTIONS],
    resources: [
      table.tableArn,
      ...definition.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
    ],
  });
}

/** Newest Node runtime aws-cdk-lib 2.276 knows; bump together with LAMBDA_BUNDLING.target (bundling.ts). */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface AppFunctionProps {
  /** Entry file, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /** The function gets TABLE_NAME and the matching data grant in one step, so neither is forgotten. */
  readonly table: dynamodb.ITableV2;
  readonly tableAccess?: 'read' | 'readWrite';
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Caps concurrent invocations where a runaway (a flood, a loop) would cost or starve others. */
  readonly reservedConcurrency?: number;
  /** LOG_LEVEL of the function (lib/log.ts); per stage. */
  readonly logLevel?: string;
  /** X-Ray write access shared by the stage's functions (see `tracingPolicy`). */
  readonly tracing?: iam.IManagedPolicy;
}

/**
 * X-Ray write access for every function of a stack, in one customer-managed policy. X-Ray's
 * PutTraceSegments and PutTelemetryRecords support no resource-level permissions (AWS documents
 * `*` as their only resource), so this is the one place a wildcard resource is acknowledged.
 */
export function tracingPolicy(scope: Construct): iam.ManagedPolicy {
  const policy = new iam.ManagedPolicy(scope, 'TracingPolicy', {
    description: 'Lets functions send traces to X-Ray',
    statements: [
      new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    ],
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions; AWS documents "*" as their only resource.',
  });
  return policy;
}

/**
 * A function's code: its entry bundled by esbuild in this process (infra/lib/bundling.ts: ESM,
 * minified, source maps, code split into index.mjs and chunks/), hashed by its output as
 * NodejsFunction hashes its bundles. NodejsFunction itself writes one file (`--outfile`), which
 * cannot hold split chunks.
 */
function bundledCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds (esbuild is a dependency of the repository).
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      // Part of CDK's key for staged assets: without it every function of a synth would get the
      // first one's bundle, the other options being the same for all (tests/infra/bundle.test.ts).
      environment: { LAMBDA_ENTRY: entry },
      local: {
        tryBundle(outputDir) {
          bundleLambdaSync(fromRoot(entry), outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * A bundled Node.js Lambda with the project's defaults: arm64 (cheaper, faster cold start),
 * ESM output, source maps, a log group with retention and a role with no managed policies.
 */
export class AppFunction extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      // Logs are diagnostics, not records: deleting the stack may delete them.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy lets the function
    // write to every log group in the account; this one can only write to its own.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);

    this.function = new lambda.Function(this, 'Function', {
      code: bundledCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      reservedConcurrentExecutions: props.reservedConcurrency,
      role,
      logGroup,
      environment: {
        ...(props.logLevel ? { LOG_LEVEL: props.logLevel } : {}),
        ...props.environment,
      },
    });

    if (props.tracing) {
      // Active tracing set on the resource: CDK's own `tracing` option would add a `*` statement
      // to every role; the shared policy above carries it once.
      (this.function.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: 'Active' };
      role.addManagedPolicy(props.tracing);
    }

    this.grant(tableDataStatement(props.table, props.tableAccess ?? 'readWrite'), {
      TABLE_NAME: props.table.tableName,
    });
  }

  /** Adds environment variables and the IAM statement that goes with them, together. */
  grant(statement: iam.PolicyStatement, environment: Record<string, string> = {}): this {
    this.function.addToRolePolicy(statement);
    for (const [key, value] of Object.entries(environment)) this.function.addEnvironment(key, value);
    return this;
  }
}
