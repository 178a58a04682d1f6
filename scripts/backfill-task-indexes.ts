/**
 * One-off, after gsi3/gsi4 are deployed to a table that already holds tasks: gives every
 * unresolved task that is assigned or escalated its "mine"/"escalated" index keys, so
 * GET /v1/tasks?mine=true / ?escalated=true list it. Idempotent; safe while the API runs (each
 * write is conditional on the task's version). `npx tsx scripts/backfill-task-indexes.ts`
 *
 * Locally it talks to DynamoDB Local (XS_DYNAMODB_ENDPOINT, the `npm start` database). Against AWS:
 * XS_STAGE=prod XS_DYNAMODB_ENDPOINT= XS_MAIN_TABLE=xinsheng-prod-main with AWS credentials.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ZTask } from '@xinsheng/shared';

async function main() {
  // Local by default (as scripts/staff.ts): the functions' config is read when their modules load, so set it first.
  if (process.env.XS_DYNAMODB_ENDPOINT === undefined && (process.env.XS_STAGE ?? 'local') === 'local') {
    process.env.XS_DYNAMODB_ENDPOINT = `http://localhost:${process.env.XS_DYNAMODB_PORT ?? 8000}`;
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  }
  if (process.env.XS_DYNAMODB_ENDPOINT === '') delete process.env.XS_DYNAMODB_ENDPOINT;
  const { TABLES, db, dynamoClient } = await import('../functions/src/lib/dynamo');
  const { backfillViewKeys } = await import('../functions/src/data/tasks-repo');
  let seen = 0;
  let written = 0;
  let startKey: Record<string, unknown> | undefined;
  try {
    do {
      // A script, not a request path: the one place a Scan is fine.
      const page = await db.send(
        new ScanCommand({
          TableName: TABLES.main,
          FilterExpression: 'begins_with(pk, :task) AND sk = :sk AND #status <> :resolved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':task': 'TASK#', ':sk': 'TASK', ':resolved': 'resolved' },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        seen++;
        if (await backfillViewKeys(ZTask.parse(item))) written++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  } finally {
    dynamoClient.destroy();
  }
  console.log(`${seen} unresolved tasks, ${written} given their mine/escalated index keys`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
