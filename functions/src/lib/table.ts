/**
 * The single DynamoDB table, defined once. The CDK data stack and the local/test
 * bootstrap both build the table from this object, so they cannot drift.
 * Key shapes and access patterns are documented in docs/data-model.md.
 */
export const table = {
  /** Logical name; the deployed name is chosen by CloudFormation, the local one by env. */
  id: 'Data',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB TTL. */
  timeToLiveAttribute: 'expiresAt',
  /** Both images: the roll-up consumer subtracts what an item contributed before a change. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
  globalIndexes: [
    /** Lists of one kind in a scope: activities by date, indicators by code, invitations due. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Lookups by a second identifier: public survey code, invitation token, activity's surveys. */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type TableDefinition = typeof table;
