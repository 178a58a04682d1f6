import { ZExternalId, ZSurveyDefinition, type StaffProfile, type SurveyDetail, type SurveyDraft, type SurveySummary } from '@xinsheng/shared';
import { z } from 'zod';
import { DomainError, badRequest, notFound, zodDetails } from '../lib/errors';
import { parseWith, type HttpEvent } from '../lib/http';
import { auditPut } from '../data/audit-repo';
import { listBrandSurveys, listSurveyVersions, putBrandSurveyOnce, putSurveyVersion, readBrandSettings, readFollowUpPolicy, readLatestSurvey } from '../data/catalog-repo';

/**
 * A brand's surveys are immutable, numbered versions (SURVEY#<id> / V#<n>). Publishing writes version
 * latest + 1 under the condition that the number is free, so two publishes at once never share a
 * number: the one that loses numbers again. An invitation stores its survey version, so those made
 * before keep theirs; new ones take the latest (the trigger caches it ≤ 30 s per instance).
 */
const surveyNotFound = () => notFound('no such survey');

export const surveyIdParam = (event: HttpEvent) => parseWith(event.pathParameters?.surveyId, ZExternalId, ['path', 'surveyId']);

/**
 * The brand's list. Surveys written before the list existed (the seed's, or by code) join it the first
 * time it is read: the brand's default and recovery surveys are looked up and their entries written once.
 */
export async function listSurveys(brandId: string): Promise<SurveySummary[]> {
  const listed = await listBrandSurveys(brandId);
  const brand = await readBrandSettings(brandId);
  const known = [brand?.defaultSurveyId, (await readFollowUpPolicy(brandId)).recoverySurveyId].filter((id): id is string => Boolean(id));
  for (const surveyId of new Set(known)) {
    if (listed.some((s) => s.surveyId === surveyId)) continue;
    const latest = await readLatestSurvey(surveyId);
    if (!latest || latest.brandId !== brandId) continue;
    const summary = { surveyId, title: latest.title, latestVersion: latest.version };
    await putBrandSurveyOnce(brandId, summary);
    listed.push(summary);
  }
  return listed.sort((a, b) => a.surveyId.localeCompare(b.surveyId));
}

export async function readSurvey(brandId: string, surveyId: string): Promise<SurveyDetail> {
  const latest = await readLatestSurvey(surveyId);
  if (!latest || latest.brandId !== brandId) throw surveyNotFound();
  return { surveyId, latest, versions: await listSurveyVersions(surveyId) };
}

/** Publishes a draft as the survey's next version; a survey id of another brand is not there (404). */
export async function publishSurvey(admin: StaffProfile, surveyId: string, draft: SurveyDraft, now = new Date()): Promise<{ surveyId: string; version: number }> {
  if (draft.surveyId !== undefined && draft.surveyId !== surveyId) {
    throw badRequest('the body names another survey', [{ path: ['body', 'surveyId'], message: `must be ${surveyId} (the route's survey) or left out` }]);
  }
  if (draft.brandId !== undefined && draft.brandId !== admin.brandId) {
    throw badRequest('the body names another brand', [{ path: ['body', 'brandId'], message: 'must be your brand or left out' }]);
  }
  for (let attempt = 1; attempt <= 5; attempt++) {
    const latest = await readLatestSurvey(surveyId);
    if (latest && latest.brandId !== admin.brandId) throw surveyNotFound();
    const version = (latest?.version ?? 0) + 1;
    const parsed = z.safeParse(ZSurveyDefinition, { ...draft, surveyId, brandId: admin.brandId, version });
    if (!parsed.success) throw badRequest('the survey is invalid', zodDetails(parsed.error, ['body']));
    const audit = auditPut({
      brandId: admin.brandId,
      actor: admin.staffId,
      action: 'survey.publish',
      target: `survey:${surveyId}`,
      before: latest ? { version: latest.version } : null,
      after: parsed.data,
      at: now,
    });
    if (await putSurveyVersion(parsed.data, { at: now.toISOString(), by: admin.staffId }, latest?.version, audit)) return { surveyId, version };
  }
  throw new DomainError(409, 'conflict', 'the survey is being published by someone else; try again');
}
