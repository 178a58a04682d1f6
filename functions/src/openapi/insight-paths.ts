import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  ZCesResponse, ZCsatResponse, ZErrorBody, ZInsightQuery, ZLoopResponse, ZNpsResponse, ZOutcomesResponse, ZReasonsQuery, ZReasonsResponse, ZThemesResponse,
} from '@xinsheng/shared';
import { named, withClassicGetters } from './mini-compat';

/**
 * The insight side of the contract (DESIGN.md "Insight → API"). Roles manager, supervisor, admin
 * (an agent: 403 forbidden_role). Every figure covers the caller's scope only — the stores of their
 * regions and their own stores, like the tasks; an explicit region/store/staff filter outside it is a
 * 403 (out_of_scope); an id the caller's brand does not have (another brand's included) is a 404.
 */
export function registerInsightPaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const query = withClassicGetters(ZInsightQuery) as unknown as z.ZodObject;
  const responses = {
    400: error('invalid query; details name the field (a malformed day, from after to, more than 400 days, staff with touchpoint …)'),
    401: error('no, invalid or expired staff token, or a disabled account'),
    403: error('your role may not read the figures (code forbidden_role: agents), or a filter outside your scope (code out_of_scope)'),
    404: error('no such region, store or staff member in your brand'),
    503: { ...error('a dependency is throttled; retry later'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } } },
  };
  const common =
    'Query: from/to are store-local days (inclusive; default the last 28 days, at most 400); region, store, staff, touchpoint filter; ' +
    'groupBy = store | region | staff | touchpoint | day | week (ISO, YYYY-Www) | month. Group labels follow Accept-Language (en, else zh-CN).';

  const path = (metric: string, summary: string, description: string, schema: z.ZodType, request: z.ZodObject = query) =>
    registry.registerPath({
      method: 'get',
      path: `/v1/metrics/${metric}`,
      operationId: `metrics${metric[0].toUpperCase()}${metric.slice(1)}`,
      summary,
      description: `${description}\n\n${common}`,
      tags: ['insight'],
      security: [{ staffToken: [] }],
      request: { query: request },
      responses: { 200: json(schema, summary), ...responses },
    });

  const cell =
    '`total` is the caller\'s whole scope (cut by the filters), `groups` one cell per groupBy key; `change` against the equally long period ' +
    'just before (a trend bucket: the bucket before it), `vsRest` a group against the total minus the group (null for the total). ' +
    '`significant` is a two-sided z-test at 95 %, never for a small base (n < 30).';
  path('nps', 'NPS with its 95 % margin, per group, with change and significance', cell, named('NpsMetrics', ZNpsResponse));
  path('csat', 'CSAT mean (1–5) with its 95 % margin and top-two-box share', cell, named('CsatMetrics', ZCsatResponse));
  path('ces', 'CES mean (1–7, 7 = easiest) with its 95 % margin and low-effort share', cell, named('CesMetrics', ZCesResponse));
  path(
    'reasons',
    'Reasons per NPS band',
    '`share` = answers of the band that chose the reason / answers of that band (%; several reasons may be chosen). Labels from the brand\'s survey definitions. `band` limits the list to one band; groupBy is ignored.',
    named('ReasonsMetrics', ZReasonsResponse),
    withClassicGetters(ZReasonsQuery) as unknown as z.ZodObject,
  );
  path(
    'themes',
    'Comment themes: count, share, NPS and impact, with masked example comments',
    '`share` = answers mentioning the theme / all answers of the period (%). `nps` = NPS of those answers. `impact` = NPS(total with those ' +
      'answers scored like the rest) − NPS(total) = NPS(rest) − NPS(total), in points: positive for a theme that pulls the score down. ' +
      'Up to 3 example comments per theme, newest first, personal data masked. groupBy is ignored.',
    named('ThemesMetrics', ZThemesResponse),
  );
  path(
    'loop',
    'How fast the loop closes',
    'Of the period\'s answers (a cohort): detractors, callback tasks, first contacts (minutes: p50/p90 from buckets), SLA hit rate = met / contacted, resolved, re-surveyed and recovered detractors with their mean score before and after. ' +
      '`invitations`: per channel (subscribe message, SMS link, receipt) and in total the invitations sent, opened and answered, responseRate = answered / sent and ' +
      'openRate = opened / sent (0–1, null when nothing was sent). Each is counted on the day it happened, so a period\'s rate is answered-in-period over sent-in-period ' +
      '(capped at 1 where a short period\'s answers outrun its sends); a receipt counts as sent when first scanned. ' +
      'These are kept per brand, region and store: a staff or touchpoint filter is a 400. groupBy is ignored.',
    named('LoopMetrics', ZLoopResponse),
  );
  path(
    'outcomes',
    'X-data × O-data: NPS by order value, repeat purchase by NPS band',
    'NPS per order-value band (the trigger\'s amountFen); per NPS band the customers and the share of them who bought again within 30 / 90 days (0–1); the mean order value in fen. groupBy is ignored.',
    named('OutcomesMetrics', ZOutcomesResponse),
  );
}
