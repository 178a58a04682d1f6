import { brandTouchpoints, effectivePolicy, type BrandSettings, type BrandSettingsUpdate, type StaffProfile } from '@xinsheng/shared';
import { badRequest, notFound } from '../lib/errors';
import { auditPut } from '../data/audit-repo';
import { readBrandSettings, readFollowUpPolicy, readLatestSurvey, updateBrandSettings } from '../data/catalog-repo';

/**
 * The brand's own settings: name, default survey, contact policy (delay, quiet hours, fatigue,
 * invitation lifetime), follow-up policy (SLA hours, business hours, routing, escalation keywords,
 * recovery survey) and touchpoints. A change is one transaction with its audit entry. The request
 * paths read the brand and the follow-up policy through per-instance caches of 30 s, so a change is
 * in effect everywhere within 30 s (the issue allows 60).
 */
const brandNotFound = () => notFound('no such brand');

export async function readBrand(brandId: string): Promise<BrandSettings> {
  const brand = await readBrandSettings(brandId);
  if (!brand) throw brandNotFound();
  const { brandId: _, ...followUp } = await readFollowUpPolicy(brandId);
  return {
    brandId,
    name: brand.name,
    defaultSurveyId: brand.defaultSurveyId,
    contactPolicy: effectivePolicy(brand.policy),
    followUp,
    touchpoints: brandTouchpoints(brand),
  };
}

/** A survey the brand may point at: one of its own (400 naming the field otherwise). */
async function assertOwnSurvey(brandId: string, surveyId: string | undefined, path: string[]): Promise<void> {
  if (surveyId === undefined) return;
  const survey = await readLatestSurvey(surveyId);
  if (!survey || survey.brandId !== brandId) throw badRequest('unknown survey', [{ path: ['body', ...path], message: `no survey ${surveyId} for this brand` }]);
}

const SECTIONS = ['name', 'defaultSurveyId', 'contactPolicy', 'followUp', 'touchpoints'] as const;

export async function updateBrand(admin: StaffProfile, update: BrandSettingsUpdate, now = new Date()): Promise<BrandSettings> {
  await assertOwnSurvey(admin.brandId, update.defaultSurveyId, ['defaultSurveyId']);
  await assertOwnSurvey(admin.brandId, update.followUp?.recoverySurveyId, ['followUp', 'recoverySurveyId']);
  const before = await readBrand(admin.brandId);
  const after: BrandSettings = {
    ...before,
    ...(update.name !== undefined ? { name: update.name } : {}),
    ...(update.defaultSurveyId !== undefined ? { defaultSurveyId: update.defaultSurveyId } : {}),
    ...(update.contactPolicy ? { contactPolicy: update.contactPolicy } : {}),
    ...(update.followUp ? { followUp: update.followUp } : {}),
    ...(update.touchpoints ? { touchpoints: update.touchpoints } : {}),
  };
  // The audit shows only the sections this change touched.
  const sections = SECTIONS.filter((key) => update[key] !== undefined);
  const audit = auditPut({
    brandId: admin.brandId,
    actor: admin.staffId,
    action: 'brand.update',
    target: `brand:${admin.brandId}`,
    before: Object.fromEntries(sections.map((key) => [key, before[key]])),
    after: Object.fromEntries(sections.map((key) => [key, after[key]])),
    at: now,
  });
  const written = await updateBrandSettings(
    admin.brandId,
    { name: update.name, defaultSurveyId: update.defaultSurveyId, policy: update.contactPolicy, touchpoints: update.touchpoints },
    update.followUp ? { ...update.followUp, brandId: admin.brandId } : undefined,
    audit,
  );
  if (!written) throw brandNotFound();
  return after;
}
