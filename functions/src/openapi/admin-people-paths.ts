import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZAdminPasswordReset, ZAdminStaffCreate, ZAdminStaffCreated, ZAdminStaffPage, ZAdminStaffUpdate, ZAdminStaffView, ZBrandSettings,
  ZBrandSettingsUpdate, ZErrorBody, ZSurveyDetail, ZSurveyDraft, ZSurveyList, ZSurveyPublished,
} from '@xinsheng/shared';
import { named, withClassicGetters } from './mini-compat';

/**
 * The brand admin's people, surveys and policy (role admin, its own brand). Every route: 401 without
 * a valid staff token; 403 `forbidden_role` for any other role (the attempt is audited); 404 for
 * anything of another brand. Bodies are strict: an unknown field, at any depth, is a 400 naming it.
 * Every change is recorded in the audit log (GET /v1/admin/audit) in the same transaction.
 */
export function registerAdminPeoplePaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const schemas = {
    AdminStaffCreate: named('AdminStaffCreate', ZAdminStaffCreate),
    AdminStaffCreated: named('AdminStaffCreated', ZAdminStaffCreated),
    AdminStaffUpdate: named('AdminStaffUpdate', ZAdminStaffUpdate),
    AdminStaffView: named('AdminStaffView', ZAdminStaffView),
    AdminStaffPage: named('AdminStaffPage', ZAdminStaffPage),
    AdminPasswordReset: named('AdminPasswordReset', ZAdminPasswordReset),
    SurveyList: named('SurveyList', ZSurveyList),
    SurveyDetail: named('SurveyDetail', ZSurveyDetail),
    SurveyDraft: named('SurveyDraft', ZSurveyDraft),
    SurveyPublished: named('SurveyPublished', ZSurveyPublished),
    BrandSettings: named('BrandSettings', ZBrandSettings),
    BrandSettingsUpdate: named('BrandSettingsUpdate', ZBrandSettingsUpdate),
  };
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } }, required: true } });
  const gate = {
    401: error('no, invalid or expired staff token, or a disabled account'),
    403: error('not a brand admin (code forbidden_role); the attempt is audited'),
    503: { ...error('a dependency is throttled; retry later'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } } },
  };
  const staffParams = z.object({ staffId: z.string().describe('the account id (its username)') });
  const surveyParams = z.object({ surveyId: z.string().describe('the survey id') });
  const common = { tags: ['admin'], security: [{ staffToken: [] }] };

  registry.registerPath({
    ...common, method: 'get', path: '/v1/admin/staff', operationId: 'adminListStaff', summary: "The brand's staff accounts, paged by username (no password hashes)",
    request: { query: z.object({ limit: z.number().int().min(1).max(100).optional(), cursor: z.string().optional().describe('nextCursor of the previous page') }) },
    responses: { 200: json(schemas.AdminStaffPage, 'one page'), 400: error('a bad limit or a cursor not from this list'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'post', path: '/v1/admin/staff', operationId: 'adminCreateStaff', summary: 'A new account with a generated one-time password (shown in this answer only)',
    request: body(schemas.AdminStaffCreate),
    responses: { 201: json(schemas.AdminStaffCreated, 'created; the password is never shown again (reset it to get a new one)'), 400: error('invalid body (the field is named)'), 409: error('the username is taken (code username_taken)'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'put', path: '/v1/admin/staff/{staffId}', operationId: 'adminUpdateStaff', summary: 'Name, role, scope (replaced whole), disabled — a disabled account is refused on its next request',
    request: { params: staffParams, ...body(schemas.AdminStaffUpdate) },
    responses: {
      200: json(schemas.AdminStaffView, 'the account as it is now'), 400: error('invalid body (the field is named)'), 404: error('no such account in your brand'),
      409: error("would leave the brand without an active admin (code last_admin), or the account changed meanwhile (code conflict)"), ...gate,
    },
  });
  registry.registerPath({
    ...common, method: 'post', path: '/v1/admin/staff/{staffId}/password', operationId: 'adminResetStaffPassword', summary: 'A new one-time password; the old one stops working at once',
    request: { params: staffParams },
    responses: { 200: json(schemas.AdminPasswordReset, 'the new password, shown this once'), 404: error('no such account in your brand'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'get', path: '/v1/admin/surveys', operationId: 'adminListSurveys', summary: "The brand's surveys with their latest versions",
    responses: { 200: json(schemas.SurveyList, 'the surveys'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'get', path: '/v1/admin/surveys/{surveyId}', operationId: 'adminGetSurvey', summary: 'The latest definition and every version (number, published at, by)',
    request: { params: surveyParams },
    responses: { 200: json(schemas.SurveyDetail, 'the survey'), 404: error('no such survey in your brand'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'post', path: '/v1/admin/surveys/{surveyId}/versions', operationId: 'adminPublishSurvey',
    summary: 'Publishes a draft as version latest + 1 (a new survey id starts at 1); new invitations take it within 30 s, earlier ones keep theirs',
    request: { params: surveyParams, ...body(schemas.SurveyDraft) },
    responses: { 201: json(schemas.SurveyPublished, 'published'), 400: error('invalid draft (the field is named)'), 404: error('the survey id belongs to another brand'), 409: error('too many publishes at once; try again'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'get', path: '/v1/admin/brand', operationId: 'adminGetBrand', summary: 'Name, default survey, contact policy, follow-up policy, touchpoints',
    responses: { 200: json(schemas.BrandSettings, 'the settings'), 404: error('no such brand'), ...gate },
  });
  registry.registerPath({
    ...common, method: 'put', path: '/v1/admin/brand', operationId: 'adminPutBrand', summary: 'Any of the sections, each replaced whole; in effect on every instance within 30 s',
    request: body(schemas.BrandSettingsUpdate),
    responses: { 200: json(schemas.BrandSettings, 'the settings as they are now'), 400: error('invalid body (the field is named), or a survey that is not the brand’s'), ...gate },
  });
}
