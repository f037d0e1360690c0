import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { AppFunction, type AppFunctionProps } from './function.js';

export interface PublicApiProps {
  readonly httpApi: apigw.HttpApi;
  readonly table: dynamodb.ITableV2;
  /** Only their ids, which the shared environment check expects; no Cognito permission. */
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  /** Route keys (`POST /api/public/...`) served here as routes of their own, e.g. for their throttles. */
  readonly routeKeys?: readonly string[];
  /** What the other functions of the stage get: log level, tracing, reserved concurrency, env. */
  readonly functionProps?: Partial<AppFunctionProps>;
}

/**
 * The participants' Lambda (functions/src/handlers/public.ts): `/api/public/*` (open a survey,
 * submit a response) in a bundle of its own, without the staff API, so a participant's request
 * never waits for the staff API's cold start. The HTTP API picks this route over `/api/{proxy+}`
 * (the most specific match wins). It reads and writes the table; it sends no mail and calls no
 * Cognito API.
 */
export class PublicApi extends Construct {
  readonly publicFunction: AppFunction;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.publicFunction = new AppFunction(this, 'PublicFunction', {
      ...props.functionProps,
      entry: 'functions/src/handlers/public.ts',
      description: 'Participants API (/api/public/*)',
      table: props.table,
    });
    this.publicFunction.function.addEnvironment('COGNITO_USER_POOL_ID', props.userPool.userPoolId);
    this.publicFunction.function.addEnvironment('COGNITO_CLIENT_ID', props.client.userPoolClientId);
    const integration = new HttpLambdaIntegration('PublicIntegration', this.publicFunction.function);
    props.httpApi.addRoutes({ path: '/api/public/{proxy+}', methods: [apigw.HttpMethod.ANY], integration });
    for (const key of props.routeKeys ?? []) {
      const [method, path] = key.split(' ') as [apigw.HttpMethod, string];
      props.httpApi.addRoutes({ path, methods: [method], integration });
    }
  }
}
