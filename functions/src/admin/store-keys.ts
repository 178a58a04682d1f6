import { ZExternalId, ZStoreKeyIssued, ZStoreKeyList, ZStoreKeyView, type StoreKey, type StoreKeyView } from '@xinsheng/shared';
import { z } from 'zod';
import { encrypt, randomToken } from '../lib/crypto';
import { conflict } from '../lib/errors';
import { json, parseWith } from '../lib/http';
import { listStoreKeys, putNewStoreKey, readStore, readStoreKey, revokeStoreKey } from '../data/store-admin-repo';
import { adminRoutes, assertOwnBrand } from './admin-auth';
import { storeIdOf } from './stores';

/**
 * A store's API keys: issue (the secret is in the 201 and nowhere else: it is stored sealed, as the
 * seed does), list (never a secret), revoke. Rotation without downtime: a store may hold two live
 * keys — issue the second, switch the store's system to it, revoke the first. A third is refused
 * (409) until one is revoked, so forgotten keys do not pile up.
 *
 * A revoked key is refused (401) within XS_STORE_KEY_CACHE_SECONDS (default 30, at most 60 by the
 * config schema) on every instance: that is how long the trigger path's per-process copy of a key
 * (catalog-repo getStoreKey) may live, and the revoke writes `disabled` + `revokedAt` on the key item
 * every copy is re-read from. The signature scheme is unchanged (triggers/store-auth.ts).
 */
export const MAX_LIVE_KEYS = 2;

const keyView = (key: StoreKey): StoreKeyView =>
  ZStoreKeyView.parse({ keyId: key.keyId, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt ?? null, revokedAt: key.revokedAt ?? null });

const ZKeyPath = z.object({ keyId: ZExternalId });

export const handler = adminRoutes({
  'POST /v1/admin/stores/{storeId}/keys': async (event, admin, now) => {
    const store = await readStore(storeIdOf(event));
    assertOwnBrand(admin, store, 'store');
    const live = (await listStoreKeys(store.storeId)).filter((k) => !k.disabled);
    if (live.length >= MAX_LIVE_KEYS) throw conflict(`store ${store.storeId} has ${MAX_LIVE_KEYS} live keys already; revoke one first`);
    const secret = randomToken(32);
    const key = {
      keyId: `k-${randomToken(12)}`,
      brandId: admin.brandId,
      storeIds: [store.storeId],
      secretSealed: encrypt(secret),
      disabled: false,
      createdAt: now.toISOString(),
    };
    const audit = { actor: admin.staffId, action: 'key.issue', target: `key:${key.keyId}`, after: { ...keyView(key), storeId: store.storeId }, at: now };
    if (!(await putNewStoreKey(key, audit))) throw conflict('key id collision; retry');
    return json(201, ZStoreKeyIssued.parse({ keyId: key.keyId, secret }));
  },

  'GET /v1/admin/stores/{storeId}/keys': async (event, admin) => {
    const store = await readStore(storeIdOf(event));
    assertOwnBrand(admin, store, 'store');
    return json(200, ZStoreKeyList.parse({ items: (await listStoreKeys(store.storeId)).map(keyView) }));
  },

  'POST /v1/admin/keys/{keyId}/revoke': async (event, admin, now) => {
    const { keyId } = parseWith(event.pathParameters ?? {}, ZKeyPath, ['path']);
    const stored = await readStoreKey(keyId);
    // Seeded keys carry no brand: theirs is their store's.
    const brandId = stored && (stored.brandId ?? (await readStore(stored.storeIds[0]))?.brandId);
    const key = stored && brandId ? { ...stored, brandId } : undefined;
    assertOwnBrand(admin, key, 'key');
    if (key.revokedAt) return json(200, keyView(key));
    const revokedAt = now.toISOString();
    const after = { ...key, disabled: true, revokedAt };
    const audit = { actor: admin.staffId, action: 'key.revoke', target: `key:${keyId}`, before: keyView(key), after: keyView(after), at: now };
    // Lost a race with another revoke: the key is revoked either way; show it as stored.
    if (!(await revokeStoreKey(keyId, admin.brandId, now, audit))) return json(200, keyView((await readStoreKey(keyId)) ?? after));
    return json(200, keyView(after));
  },
});
