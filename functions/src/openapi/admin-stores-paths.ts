import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZAuditPage, ZErrorBody, ZStoreCreateRequest, ZStoreImportResult, ZStoreKeyIssued, ZStoreKeyList, ZStoreKeyView, ZStoreList, ZStoreUpdateRequest, ZStoreView,
} from '@xinsheng/shared';
import { named, withClassicGetters } from './mini-compat';

/**
 * Brand admin → stores, their API keys and the audit log. Rules on every route: role `admin` only
 * (any other role: 403 `forbidden_role`, recorded in the audit log), the caller's brand only
 * (another brand's store or key: 404), every change recorded in the audit log with before/after.
 */
export function registerAdminStorePaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const schemas = {
    StoreCreateRequest: named('StoreCreateRequest', ZStoreCreateRequest),
    StoreUpdateRequest: named('StoreUpdateRequest', ZStoreUpdateRequest),
    StoreView: named('StoreView', ZStoreView),
    StoreList: named('StoreList', ZStoreList),
    StoreImportResult: named('StoreImportResult', ZStoreImportResult),
    StoreKeyIssued: named('StoreKeyIssued', ZStoreKeyIssued),
    StoreKeyView: named('StoreKeyView', ZStoreKeyView),
    StoreKeyList: named('StoreKeyList', ZStoreKeyList),
    AuditPage: named('AuditPage', ZAuditPage),
  };
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const common = {
    401: error('no, invalid or expired staff token, or a disabled account'),
    403: error('your role is not admin (code forbidden_role); the attempt is recorded in the audit log'),
    503: { ...error('a dependency is throttled; retry later'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } } },
  };
  const storeParams = z.object({ storeId: z.string().describe('the store id') });
  const base = { tags: ['admin'], security: [{ staffToken: [] }] };

  registry.registerPath({
    ...base,
    method: 'get',
    path: '/v1/admin/stores',
    operationId: 'adminListStores',
    summary: "The brand's stores by id, paged; q finds stores whose id, name or region contains it",
    request: {
      query: z.object({
        q: z.string().optional().describe('part of a store id or name (case-insensitive) or of its region id'),
        limit: z.number().int().min(1).max(200).optional().describe('stores read per page (default 50); a search may return fewer with a cursor following'),
        cursor: z.string().optional().describe('nextCursor of the previous page'),
      }),
    },
    responses: { 200: json(schemas.StoreList, 'a page of stores'), 400: error('invalid query or cursor'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'post',
    path: '/v1/admin/stores',
    operationId: 'adminCreateStore',
    summary: 'A new store (timeZone: an IANA zone)',
    request: { body: { content: { 'application/json': { schema: schemas.StoreCreateRequest } }, required: true } },
    responses: { 201: json(schemas.StoreView, 'the store'), 400: error('invalid body; details name each field'), 409: error('the store id is taken'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'put',
    path: '/v1/admin/stores/{storeId}',
    operationId: 'adminUpdateStore',
    summary: 'Changes the fields given (name, region, timeZone, staffIds, policy); the others stay',
    request: { params: storeParams, body: { content: { 'application/json': { schema: schemas.StoreUpdateRequest } }, required: true } },
    responses: { 200: json(schemas.StoreView, 'the store as it is now'), 400: error('invalid body'), 404: error('no such store in your brand'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'post',
    path: '/v1/admin/stores/import',
    operationId: 'adminImportStores',
    summary: 'Creates or updates stores from CSV: header storeId,name,region,timeZone[,staffIds] (staff ids separated by ;), at most 1000 rows',
    description: 'Every bad row is reported with its line (1 = the header) and field and is not applied; every good row is applied whole (one transaction with its audit entry).',
    request: { body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
    responses: { 200: json(schemas.StoreImportResult, 'how many were created and updated, and each bad row'), 400: error('not text/csv'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'post',
    path: '/v1/admin/stores/{storeId}/keys',
    operationId: 'adminIssueStoreKey',
    summary: 'A new API key for the store: the secret is in this answer only. At most two live keys per store (rotation: issue, switch, revoke the old)',
    request: { params: storeParams },
    responses: { 201: json(schemas.StoreKeyIssued, 'the key id and its secret, shown this once'), 404: error('no such store in your brand'), 409: error('the store has two live keys; revoke one first'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/v1/admin/stores/{storeId}/keys',
    operationId: 'adminListStoreKeys',
    summary: "The store's keys: created, last used (to the hour), revoked — never a secret",
    request: { params: storeParams },
    responses: { 200: json(schemas.StoreKeyList, 'the keys, oldest first'), 404: error('no such store in your brand'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'post',
    path: '/v1/admin/keys/{keyId}/revoke',
    operationId: 'adminRevokeStoreKey',
    summary: 'Revokes a key: every function instance refuses it (401) within 60 s (30 s by default); revoking again changes nothing',
    request: { params: z.object({ keyId: z.string() }) },
    responses: { 200: json(schemas.StoreKeyView, 'the key, revoked'), 404: error('no such key in your brand'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'adminAudit',
    summary: "The brand's audit log, newest first: every admin change (before/after, secrets never) and every refused admin attempt",
    request: {
      query: z.object({
        limit: z.number().int().min(1).max(100).optional().describe('entries per page (default 50)'),
        cursor: z.string().optional().describe('nextCursor of the previous page'),
      }),
    },
    responses: { 200: json(schemas.AuditPage, 'a page of entries'), 400: error('invalid query or cursor'), ...common },
  });
}
