import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * The CloudFront access-log fields kept. Left out on purpose: `cs-uri-query` (links carried
 * tokens and e-mail addresses in query strings), `cs(Cookie)`, `cs(Referer)` (a page's address,
 * query included) and `x-forwarded-for` (client-written).
 */
export const ACCESS_LOG_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(User-Agent)',
  'x-edge-result-type',
  'x-edge-request-id',
  'cs-protocol',
  'cs-bytes',
  'time-taken',
  'x-edge-response-result-type',
  'cs-protocol-version',
  'time-to-first-byte',
  'x-edge-detailed-result-type',
  'sc-content-type',
  'c-country',
] as const;

export interface EdgeLogsProps extends StackProps {
  readonly distributionArn: string;
}

/**
 * CloudFront access logs (standard logging v2) to a CloudWatch log group, with the fields above.
 * CloudFront's log delivery source lives in us-east-1, after the distribution exists, so this is a
 * stack of its own there (the WAF stack comes before the distribution, this one after it).
 */
export class EdgeLogsStack extends Stack {
  constructor(scope: Construct, id: string, props: EdgeLogsProps) {
    super(scope, id, props);
    const group = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const source = new logs.CfnDeliverySource(this, 'Source', {
      name: `${this.stackName}-cloudfront`,
      logType: 'ACCESS_LOGS',
      resourceArn: props.distributionArn,
    });
    const destination = new logs.CfnDeliveryDestination(this, 'Destination', {
      name: `${this.stackName}-logs`,
      destinationResourceArn: group.logGroupArn,
      outputFormat: 'json',
    });
    const delivery = new logs.CfnDelivery(this, 'Delivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...ACCESS_LOG_FIELDS],
    });
    delivery.addResourceDependency(source);
  }
}
