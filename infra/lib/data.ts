import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { table as definition } from '../../functions/src/lib/table.js';

const attr = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * Stateful data, in its own stack so stateless stacks can be destroyed and redeployed freely.
 * Keys and indexes come from functions/src/lib/table.ts, the same object the local bootstrap uses.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new dynamodb.TableV2(this, definition.id, {
      partitionKey: attr(definition.partitionKey),
      sortKey: attr(definition.sortKey),
      globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attr(index.partitionKey),
        sortKey: attr(index.sortKey),
      })),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      // On-demand: idle costs nothing but storage; survey traffic is bursty.
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      // Both images let a future stream consumer rebuild aggregates or audit changes.
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
  }
}
