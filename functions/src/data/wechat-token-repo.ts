import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { decrypt, encrypt } from '../lib/crypto';
import { TABLES, conditionalWrite, db } from '../lib/dynamo';
import { keys } from './keys';

/**
 * The WeChat access token that function instances share: one main-table item per app
 * (keys.wechatToken), the token sealed at rest like other secrets. A refresh is done by whoever
 * holds the item's lease; the conditions below are what keep one refresher and the newest token.
 */

export interface CachedToken {
  accessToken: string;
  /** Epoch ms when WeChat stops accepting it. */
  expiresAt: number;
  /** Epoch ms after which a caller should refresh it (before it expires). */
  refreshAfter: number;
}

/** The stored item; one that carries only a lease (no token yet) does not parse. */
const ZStoredToken = z.object({ tokenSealed: z.string(), expiresAt: z.number(), refreshAfter: z.number() });

/** A day past what the item is about: it outlives its token, and a lost lease does not linger. */
const ttlAfter = (epochMs: number) => Math.floor(epochMs / 1000) + 86_400;

/** A conditional update of the app's token item; false when its condition did not hold. */
const updateTokenItem = (appId: string, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>) =>
  conditionalWrite(() => db.send(new UpdateCommand({ TableName: TABLES.main, Key: keys.wechatToken(appId), ...update })));

export async function readWeChatToken(appId: string): Promise<CachedToken | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.wechatToken(appId), ConsistentRead: true }));
  const stored = ZStoredToken.safeParse(Item);
  if (!stored.success) return undefined;
  const { tokenSealed, expiresAt, refreshAfter } = stored.data;
  return { accessToken: decrypt(tokenSealed), expiresAt, refreshAfter };
}

/** Takes the refresh lease unless someone else holds an unexpired one; false when they do. */
export function acquireWeChatTokenLease(appId: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
  return updateTokenItem(appId, {
    UpdateExpression: 'SET leaseHolder = :holder, leaseUntil = :until, #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':holder': holder, ':until': now + leaseMs, ':now': now, ':ttl': ttlAfter(now) },
  });
}

/** Saves a token and drops `holder`'s lease; refused (false) if a newer token is already stored. */
export function saveWeChatToken(appId: string, token: CachedToken, holder: string): Promise<boolean> {
  return updateTokenItem(appId, {
    UpdateExpression: 'SET tokenSealed = :token, expiresAt = :exp, refreshAfter = :refresh, savedAt = :saved, #ttl = :ttl REMOVE leaseHolder, leaseUntil',
    ConditionExpression: 'attribute_not_exists(expiresAt) OR expiresAt < :exp OR leaseHolder = :holder',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: {
      ':token': encrypt(token.accessToken),
      ':exp': token.expiresAt,
      ':refresh': token.refreshAfter,
      ':saved': new Date().toISOString(),
      ':ttl': ttlAfter(token.expiresAt),
      ':holder': holder,
    },
  });
}

/** Drops the lease if `holder` still has it (someone else's lease is left alone). */
export async function releaseWeChatTokenLease(appId: string, holder: string): Promise<void> {
  await updateTokenItem(appId, {
    UpdateExpression: 'REMOVE leaseHolder, leaseUntil',
    ConditionExpression: 'leaseHolder = :holder',
    ExpressionAttributeValues: { ':holder': holder },
  });
}
