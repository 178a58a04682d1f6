import {
  ZStoreCreateRequest,
  ZStoreList,
  ZStoreUpdateRequest,
  ZExternalId,
  ZStoreImportResult,
  type Store,
} from '@xinsheng/shared';
import { z } from 'zod';
import { conflict } from '../lib/errors';
import { json, parseBody, parseWith, type HttpEvent } from '../lib/http';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { keys } from '../data/keys';
import { createStore, queryStores, readStore, replaceStore } from '../data/store-admin-repo';
import { adminRoutes, assertOwnBrand } from './admin-auth';
import { importStores } from './store-import';
import { storeView } from './store-views';

/**
 * GET|POST /v1/admin/stores, PUT /v1/admin/stores/{storeId}, POST /v1/admin/stores/import.
 * A store's region is just its field: the brand's regions are those of its stores. Every change is
 * one transaction with its audit entry; the request paths see it within their catalog cache's
 * 30 s (catalog-repo), a new store at once (a miss is never cached).
 */

const ZListQuery = z.object({
  q: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
const ZStorePath = z.object({ storeId: ZExternalId });
export const storeIdOf = (event: HttpEvent) => parseWith(event.pathParameters ?? {}, ZStorePath, ['path']).storeId;

export const handler = adminRoutes({
  'GET /v1/admin/stores': async (event, admin) => {
    const query = parseWith(event.queryStringParameters ?? {}, ZListQuery, ['query']);
    const startKey = decodeCursor(query.cursor, { gsi1pk: keys.storeListPartition(admin.brandId) }, ['pk', 'sk', 'gsi1sk']);
    const page = await queryStores(admin.brandId, query.limit, query.q, startKey);
    return json(200, ZStoreList.parse({ items: page.items.map(storeView), nextCursor: encodeCursor(page.lastKey) }));
  },

  'POST /v1/admin/stores': async (event, admin, now) => {
    const body = parseBody(event, ZStoreCreateRequest);
    const store: Store = { ...body, brandId: admin.brandId, staffIds: body.staffIds ?? [], policy: body.policy ?? {} };
    const created = await createStore(store, { actor: admin.staffId, action: 'store.create', target: `store:${store.storeId}`, after: storeView(store), at: now });
    if (!created) throw conflict(`store ${store.storeId} exists already`);
    return json(201, storeView(store));
  },

  'PUT /v1/admin/stores/{storeId}': async (event, admin, now) => {
    const storeId = storeIdOf(event);
    const body = parseBody(event, ZStoreUpdateRequest);
    const before = await readStore(storeId);
    assertOwnBrand(admin, before, 'store');
    const after: Store = {
      ...before,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.region !== undefined ? { region: body.region } : {}),
      ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
      ...(body.staffIds !== undefined ? { staffIds: body.staffIds } : {}),
      ...(body.policy !== undefined ? { policy: body.policy } : {}),
    };
    const audit = { actor: admin.staffId, action: 'store.update', target: `store:${storeId}`, before: storeView(before), after: storeView(after), at: now };
    if (!(await replaceStore(after, audit))) assertOwnBrand(admin, undefined, 'store');
    return json(200, storeView(after));
  },

  'POST /v1/admin/stores/import': async (event, admin, now) => json(200, ZStoreImportResult.parse(await importStores(event, admin, now))),
});
