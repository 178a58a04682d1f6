import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ZConsumerSession, type ConsumerSession } from '@xinsheng/shared';
import { TABLES, db, epochSeconds, getItem } from '../lib/dynamo';
import { keys } from './keys';

export async function putSession(tokenHash: string, session: ConsumerSession): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: TABLES.main,
      // gsi1: the openid's sessions, so an erasure can revoke them (one more write unit).
      Item: { ...keys.session(tokenHash), ...keys.sessionOfOpenid(session.openidHash, session.expiresAt), ...session, ttl: epochSeconds(new Date(session.expiresAt)) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSession(tokenHash: string): Promise<ConsumerSession | undefined> {
  const item = await getItem(TABLES.main, keys.session(tokenHash));
  return item && ZConsumerSession.parse(item);
}
