/**
 * Every key of the main and responses tables is built here, and nowhere else.
 * infra/ACCESS_PATTERNS.md lists which request reads or writes which.
 */
export const DUE_SHARDS = 4;

export const keys = {
  brand: (brandId: string) => ({ pk: `BRAND#${brandId}`, sk: 'CONFIG' }),
  store: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'STORE' }),
  storeKey: (keyId: string) => ({ pk: `STOREKEY#${keyId}`, sk: 'STOREKEY' }),
  nonce: (keyId: string, nonce: string) => ({ pk: `NONCE#${keyId}#${nonce}`, sk: 'NONCE' }),
  surveyPartition: (surveyId: string) => `SURVEY#${surveyId}`,
  surveyVersion: (surveyId: string, version: number) => ({ pk: `SURVEY#${surveyId}`, sk: `V#${String(version).padStart(6, '0')}` }),
  order: (storeId: string, orderId: string) => ({ pk: `ORDER#${storeId}#${orderId}`, sk: 'ORDER' }),
  invitation: (invitationId: string) => ({ pk: `INV#${invitationId}`, sk: 'INV' }),
  /** Sparse index entry of a scheduled invitation, removed when it is claimed for sending. */
  dueIndex: (shard: number, sendAt: string, invitationId: string) => ({ gsi1pk: `DUE#${shard}`, gsi1sk: `${sendAt}#${invitationId}` }),
  duePartition: (shard: number) => `DUE#${shard}`,
  contact: (brandId: string, customerHash: string) => ({ pk: `CONTACT#${brandId}#${customerHash}`, sk: 'CONTACT' }),
  optOut: (brandId: string, customerHash: string) => ({ pk: `OPTOUT#${brandId}#${customerHash}`, sk: 'OPTOUT' }),
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' }),
  wechatToken: (appId: string) => ({ pk: `WXTOKEN#${appId}`, sk: 'TOKEN' }),
  /** Responses table: one per invitation, which is what makes a second answer impossible. */
  response: (invitationId: string) => ({ pk: `RESP#${invitationId}`, sk: 'RESPONSE' }),
} as const;

/** Which due-index shard an invitation goes to: spreads the hot partition, fixed by its id. */
export function dueShard(invitationId: string): number {
  let h = 0;
  for (const c of invitationId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % DUE_SHARDS;
}
