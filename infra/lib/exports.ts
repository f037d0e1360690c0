import { Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AppFunction, type AppFunctionProps } from './function.js';

export interface ExportsApiProps {
  readonly table: dynamodb.ITableV2;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  /** The header CloudFront adds to API requests and its secret value (as for the staff API). */
  readonly origin: { headerName: string; headerValue: string };
  readonly adminMfa?: string;
  /** What the other functions of the stage get: log level, tracing. */
  readonly functionProps?: Partial<AppFunctionProps>;
}

/**
 * The export Lambda (functions/src/handlers/exports.ts): `/api/exports/*` (per-respondent
 * responses, indicator values, activities; CSV and XLSX) in a bundle of its own, so exceljs stays
 * out of the staff and participant Lambdas. It answers through a function URL in RESPONSE_STREAM
 * mode: each file leaves as it is written, without API Gateway's 30 s limit or Lambda's 6 MB
 * buffered payload, for up to the function's 5 minutes. CloudFront routes `/api/exports/*` to it
 * (infra/lib/web.ts) with the same secret origin header as the staff API, which the app checks;
 * the viewer's Bearer token is passed on as is (OAC signing would replace the Authorization
 * header), so the URL's own auth type is NONE and the app authorises every request itself.
 * Least privilege: item reads on the table and its indexes, PutItem only on audit items
 * (`AUDIT#...` keys), and the two Cognito reads the access check needs.
 */
export class ExportsApi extends Construct {
  readonly exportsFunction: AppFunction;
  readonly functionUrl: lambda.FunctionUrl;
  /** The CloudFront origin of `/api/exports/*`. */
  readonly origin: cloudfront.IOrigin;

  constructor(scope: Construct, id: string, props: ExportsApiProps) {
    super(scope, id);
    this.exportsFunction = new AppFunction(this, 'ExportsFunction', {
      ...props.functionProps,
      entry: 'functions/src/handlers/exports.ts',
      description: 'Exports (/api/exports/*), streamed',
      table: props.table,
      tableAccess: 'read',
      // A streamed 100,000-response XLSX takes about a minute locally (npm run bench); room to spare.
      timeout: Duration.minutes(5),
      memorySize: 1024,
      reservedConcurrency: 5,
      environment: {
        ORIGIN_SECRET: props.origin.headerValue,
        // Behind CloudFront and the WAF like the API: per-address limits at the edge (lib/env.ts).
        RATE_LIMITS: 'edge',
        ...(props.adminMfa ? { ADMIN_MFA: props.adminMfa } : {}),
      },
    })
      .grant(
        new iam.PolicyStatement({
          actions: ['dynamodb:PutItem'],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
        }),
      )
      .grant(
        new iam.PolicyStatement({
          actions: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'],
          resources: [props.userPool.userPoolArn],
        }),
        { COGNITO_USER_POOL_ID: props.userPool.userPoolId, COGNITO_CLIENT_ID: props.client.userPoolClientId },
      );
    this.functionUrl = this.exportsFunction.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      invokeMode: lambda.InvokeMode.RESPONSE_STREAM,
    });
    this.origin = new origins.FunctionUrlOrigin(this.functionUrl, {
      customHeaders: { [props.origin.headerName]: props.origin.headerValue },
      // Time between two packets of the response, not the whole download: rows stream steadily.
      readTimeout: Duration.seconds(60),
    });
  }
}
