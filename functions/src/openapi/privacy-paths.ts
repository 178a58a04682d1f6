import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZErrorBody, ZOptInResult, ZOptOutRequest, ZOptOutResult, ZPersonExport, ZPersonLookup, ZPrivacyRequestAccepted, ZPrivacyRequestView,
} from '@xinsheng/shared';
import { named, withClassicGetters } from './mini-compat';

/**
 * Privacy (PIPL): the consumer's opt-out and the brand admin's export / erase / request status /
 * opt-in (functions/src/privacy). The identifier asked with is never echoed; phones come masked.
 */
export function registerPrivacyPaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const schemas = {
    OptOutRequest: named('OptOutRequest', ZOptOutRequest),
    OptOutResult: named('OptOutResult', ZOptOutResult),
    PersonLookup: named('PersonLookup', ZPersonLookup),
    PersonExport: named('PersonExport', ZPersonExport),
    PrivacyRequestAccepted: named('PrivacyRequestAccepted', ZPrivacyRequestAccepted),
    PrivacyRequestView: named('PrivacyRequestView', ZPrivacyRequestView),
    OptInResult: named('OptInResult', ZOptInResult),
  };
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } }, required: true } });
  const gate = {
    401: error('no, invalid or expired staff token'),
    403: error('not a brand admin (code forbidden_role); the attempt is audited'),
  };
  const common = { tags: ['admin', 'privacy'], security: [{ staffToken: [] }] };

  registry.registerPath({
    method: 'post', path: '/v1/opt-out', operationId: 'postOptOut', tags: ['consumer'], security: [{ consumerSession: [] }],
    summary: "不再邀请我: the invitation's customer (every linked identifier) is never invited again by the brand; idempotent",
    request: body(schemas.OptOutRequest),
    responses: {
      200: json(schemas.OptOutResult, 'opted out (also when already)'), 400: error('a malformed token (details name it)'), 401: error('no or expired session'),
      403: error('the invitation was sent to another WeChat user'), 404: error('no such invitation'),
    },
  });
  registry.registerPath({
    ...common, method: 'post', path: '/v1/admin/privacy/export', operationId: 'adminPrivacyExport',
    summary: "Every invitation, response, task and notice of a person of the brand (phones masked; no openid/unionid); audited",
    request: body(schemas.PersonLookup),
    responses: { 200: json(schemas.PersonExport, 'the records'), 400: error('not exactly one of phone, openid, unionid'), 404: error('no records of such a person'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'post', path: '/v1/admin/privacy/erase', operationId: 'adminPrivacyErase',
    summary: 'Erase a person (asynchronous, idempotent, audited): sealed values and hashes removed, comments → [已删除], sessions revoked, opt-out kept, counters unchanged',
    request: body(schemas.PersonLookup),
    responses: { 202: json(schemas.PrivacyRequestAccepted, 'accepted; follow GET /v1/admin/privacy/requests/{requestId}'), 400: error('not exactly one of phone, openid, unionid'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'get', path: '/v1/admin/privacy/requests/{requestId}', operationId: 'adminPrivacyRequest',
    summary: 'The status of an erasure request (pending | running | done | failed) and, when done, what it erased (counts)',
    request: { params: z.object({ requestId: z.string().describe('from the 202 of the erase') }) },
    responses: { 200: json(schemas.PrivacyRequestView, 'the request'), 400: error('not a request id'), 404: error('no such request in your brand'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'post', path: '/v1/admin/privacy/opt-in', operationId: 'adminPrivacyOptIn',
    summary: "Reverse a person's opt-out on their request (every linked identifier); audited",
    request: body(schemas.PersonLookup),
    responses: { 200: json(schemas.OptInResult, 'opted in'), 400: error('not exactly one of phone, openid, unionid'), ...gate },
  });
}
