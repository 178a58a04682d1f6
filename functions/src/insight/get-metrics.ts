import { z } from 'zod';
import {
  maskPii, mayReadInsight, ZCesResponse, ZCsatResponse, ZInsightQuery, ZLoopResponse, ZNpsResponse, ZOutcomesResponse, ZReasonsQuery, ZReasonsResponse, ZThemesResponse,
} from '@xinsheng/shared';
import { header, httpHandler, json, parseWith } from '../lib/http';
import { notFound } from '../lib/errors';
import { authenticateStaff } from '../staff/staff-auth';
import { forbiddenInsightRole, METRICS, metrics, type Metric } from './metrics-service';
import { extractThemes, themeLabel } from './themes';

/**
 * GET /v1/metrics/{nps,csat,ces,reasons,themes,loop,outcomes}?from=&to=&region=&store=&staff=&touchpoint=&groupBy=
 * (reasons also `band`). Roles manager, supervisor, admin (an agent: 403 forbidden_role); figures cut to
 * the caller's scope. Group labels follow Accept-Language (en, else zh-CN).
 */

const BODIES: Record<Metric, z.core.$ZodType> = {
  nps: ZNpsResponse,
  csat: ZCsatResponse,
  ces: ZCesResponse,
  reasons: ZReasonsResponse,
  themes: ZThemesResponse,
  loop: ZLoopResponse,
  outcomes: ZOutcomesResponse,
};

const ZMetric = z.enum(METRICS);

export const handler = httpHandler(async (event) => {
  const now = new Date();
  const staff = await authenticateStaff(event, now);
  const metric = ZMetric.safeParse(event.pathParameters?.metric);
  if (!metric.success) throw notFound(`no such metric; one of ${METRICS.join(', ')}`);
  if (!mayReadInsight(staff.role)) throw forbiddenInsightRole();
  const query = parseWith(event.queryStringParameters ?? {}, metric.data === 'reasons' ? ZReasonsQuery : ZInsightQuery, ['query']);
  const locale = /^en\b/i.test(header(event, 'accept-language') ?? '') ? 'en' : 'zh-CN';
  const themes = { extractThemes: (comment: string) => extractThemes(comment), mask: maskPii, label: (id: string) => ({ 'zh-CN': themeLabel(id, 'zh-CN'), en: themeLabel(id, 'en') }) };
  const body = await metrics(staff, { ...query, metric: metric.data, locale }, { now, themes });
  // The body is checked against the published contract on its way out: a drift is a 500 here, not a broken dashboard.
  return json(200, z.parse(BODIES[metric.data], body));
});
