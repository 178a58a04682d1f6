import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZAssigneeList, ZAssignRequest, ZAttemptRequest, ZErrorBody, ZReopenRequest, ZResolveRequest, ZRevealPhoneResponse, ZStaffLoginRequest,
  ZStaffLoginResponse, ZStaffProfile, ZTaskDetail, ZTaskList, ZTaskListQuery,
} from '@xinsheng/shared';
import { EXPORT_COLUMNS, ZResponsesExportQuery } from '@xinsheng/shared';
import { named, withClassicGetters } from './mini-compat';

/**
 * The staff side of the contract: login and the callback-task endpoints. Scope rule, the same on
 * every endpoint: a task outside the caller's brand/regions/stores is a 404 (reads and writes
 * alike: it does not exist for them); a role that may not take an action is a 403; a state
 * conflict (claimed already, not yours, resolved already, not resolved) is a 409 naming it.
 */
export function registerStaffPaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const schemas = {
    StaffLoginRequest: named('StaffLoginRequest', ZStaffLoginRequest),
    StaffLoginResponse: named('StaffLoginResponse', ZStaffLoginResponse),
    StaffProfile: named('StaffProfile', ZStaffProfile),
    TaskList: named('TaskList', ZTaskList),
    TaskDetail: named('TaskDetail', ZTaskDetail),
    AttemptRequest: named('AttemptRequest', ZAttemptRequest),
    ResolveRequest: named('ResolveRequest', ZResolveRequest),
    ReopenRequest: named('ReopenRequest', ZReopenRequest),
    AssignRequest: named('AssignRequest', ZAssignRequest),
    AssigneeList: named('AssigneeList', ZAssigneeList),
    RevealPhoneResponse: named('RevealPhoneResponse', ZRevealPhoneResponse),
  };
  registry.registerComponent('securitySchemes', 'staffToken', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'token from POST /v1/staff/login' });

  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const unavailable = { ...error('a dependency is throttled; retry later'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } } };
  const params = z.object({ id: z.string().describe('the task id (a ULID; the id of the response it follows)') });
  const common = {
    401: error('no, invalid or expired staff token, or a disabled account'),
    404: error('no such task — or one outside your scope'),
    503: unavailable,
  };

  registry.registerPath({
    method: 'post',
    path: '/v1/staff/login',
    operationId: 'staffLogin',
    summary: 'Username and password → a short-lived staff token',
    tags: ['staff'],
    security: [],
    request: { body: { content: { 'application/json': { schema: schemas.StaffLoginRequest } }, required: true } },
    responses: {
      200: json(schemas.StaffLoginResponse, 'the token (Authorization: Bearer) and who you are'),
      400: error('invalid body'),
      401: error('wrong username or password, or a disabled account (code invalid_credentials)'),
      429: { ...error('too many failed logins for this username; wait Retry-After seconds'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } } },
      503: unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/staff/me',
    operationId: 'staffMe',
    summary: 'Who the token belongs to: role and scope, as the account is now',
    tags: ['staff'],
    security: [{ staffToken: [] }],
    responses: { 200: json(schemas.StaffProfile, 'the staff member'), 401: common[401], 503: unavailable },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tasks',
    operationId: 'listTasks',
    summary: 'The callback tasks in your scope, ordered by due time',
    tags: ['tasks'],
    security: [{ staffToken: [] }],
    request: { query: ZTaskListQuery },
    responses: {
      200: json(schemas.TaskList, 'a page of tasks; pass nextCursor as cursor for the next'),
      400: error('invalid query or cursor'),
      401: common[401],
      503: unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tasks/{id}',
    operationId: 'getTask',
    summary: "A task: the customer's answer, store, staff, order, masked phone and timeline",
    tags: ['tasks'],
    security: [{ staffToken: [] }],
    request: { params },
    responses: { 200: json(schemas.TaskDetail, 'the task'), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tasks/{id}/assignees',
    operationId: 'listAssignees',
    summary: 'Who this task can be handed to: active agents and supervisors whose scope holds it (agents first)',
    tags: ['tasks'],
    security: [{ staffToken: [] }],
    request: { params },
    responses: {
      200: json(schemas.AssigneeList, 'the candidates for POST /v1/tasks/{id}/assign'),
      ...common,
      403: error('your role may not do this (code forbidden_role); allowed: supervisor, admin'),
    },
  });

  const action = (
    path: string,
    operationId: string,
    summary: string,
    conflicts: string,
    body?: z.ZodType,
    ok: z.ZodType = schemas.TaskDetail,
    roles = 'agent, supervisor, admin',
  ) =>
    registry.registerPath({
      method: 'post',
      path,
      operationId,
      summary,
      tags: ['tasks'],
      security: [{ staffToken: [] }],
      request: { params, ...(body ? { body: { content: { 'application/json': { schema: body } }, required: true } } : {}) },
      responses: {
        200: json(ok, 'done'),
        ...(body ? { 400: error('invalid body; details name each field') } : {}),
        ...common,
        403: error(`your role may not do this (code forbidden_role); allowed: ${roles}`),
        409: error(conflicts),
      },
    });

  action('/v1/tasks/{id}/claim', 'claimTask', 'Take an open task', 'already_claimed, already_resolved');
  action('/v1/tasks/{id}/attempts', 'logAttempt', 'Log a call attempt; "reached" meets the first-contact SLA', 'not_claimed, not_assignee, already_resolved', schemas.AttemptRequest);
  action(
    '/v1/tasks/{id}/reveal-phone',
    'revealPhone',
    "The customer's full number for a call; recorded on the timeline (who, when) before it is returned",
    'not_claimed, not_assignee, already_resolved, no_phone',
    undefined,
    schemas.RevealPhoneResponse,
  );
  action('/v1/tasks/{id}/resolve', 'resolveTask', 'Close the task with an outcome; may send the customer the recovery survey', 'not_claimed, not_assignee, already_resolved', schemas.ResolveRequest);
  action('/v1/tasks/{id}/reopen', 'reopenTask', 'Reopen a resolved task with a fresh SLA', 'not_resolved', schemas.ReopenRequest, schemas.TaskDetail, 'supervisor, admin');
  action('/v1/tasks/{id}/assign', 'assignTask', 'Hand a task to a staff member who may work it', 'already_resolved', schemas.AssignRequest, schemas.TaskDetail, 'supervisor, admin');
}

/**
 * GET /v1/exports/responses.csv (the insight export). Streamed: in AWS it is served by a Function
 * URL in RESPONSE_STREAM mode (an HTTP API answer is buffered and capped at 6 MB), so a deployment
 * routes this path to it (infra/ACCESS_PATTERNS.md, "Responses export").
 */
export function registerExportPaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
  registry.registerPath({
    method: 'get',
    path: '/v1/exports/responses.csv',
    operationId: 'exportResponsesCsv',
    summary: 'Every response of the period in your scope, as CSV (streamed)',
    description:
      'UTF-8 with a BOM (so Excel reads the Chinese), a header row, then one row per response: ' +
      `${EXPORT_COLUMNS.join(', ')}. RFC 4180 quoting; a text cell starting with = + - @ (or tab/CR) gets a leading ' so a ` +
      'spreadsheet never runs it as a formula. The phone is masked (138****5678); no openid. Rows come store by store, ' +
      'each store in day order. Roles manager, supervisor, admin; the rows are cut to your regions/stores. The body is ' +
      'streamed (chunked): a failure after the first row breaks the transfer rather than ending the file early.',
    tags: ['insight'],
    security: [{ staffToken: [] }],
    request: { query: withClassicGetters(ZResponsesExportQuery) as unknown as z.ZodObject },
    responses: {
      200: {
        description: 'the CSV',
        headers: { 'Content-Disposition': { description: 'attachment; filename="responses-<from>-<to>.csv"', schema: { type: 'string' as const } } },
        content: { 'text/csv; charset=utf-8': { schema: z.string().describe('RFC 4180 CSV with a UTF-8 BOM') } },
      },
      400: error('invalid query; details name the field (e.g. a day that is not YYYY-MM-DD, to before from, more than 400 days)'),
      401: error('no, invalid or expired staff token, or a disabled account'),
      403: error('an agent (code forbidden_role), or a region, store or staff filter outside your scope (code out_of_scope)'),
      404: error('a region, store or staff id your brand does not have'),
      503: { ...error('a dependency is throttled; retry later'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } } },
    },
  });
}
