/**
 * The DynamoDB tables, defined once in ../tables.json: serverless.yml turns it into CloudFormation
 * (../cloudformation.js) and the local bootstrap creates the same tables in DynamoDB Local.
 * ../ACCESS_PATTERNS.md lists every read and write.
 */
import definitions from '../tables.json';

export interface TableDefinition {
  logicalId: string;
  suffix: string;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' }[];
  globalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' };
  }[];
  stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  ttlAttribute: string;
}

/** Everything but responses: brands, stores, keys, nonces, invitations, sessions, tasks, counters. */
export const mainTable = definitions.main as TableDefinition;
/** One item per answered invitation; its stream drives follow-up and aggregates. */
export const responsesTable = definitions.responses as TableDefinition;
/** The insight counters (per brand, dimension, key and day) and their month roll-ups; never expire. */
export const insightTable = definitions.insight as TableDefinition;
export const tables: readonly TableDefinition[] = [mainTable, responsesTable, insightTable];

export function physicalTableName(table: TableDefinition, service: string, stage: string): string {
  return `${service}-${stage}-${table.suffix}`;
}
