import { createHmac } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ZSurveyDefinition, type FollowUpPolicy, type StaffRole, type SurveyDefinition } from '@xinsheng/shared';
import { TABLES, conditionalWrite, db } from '../src/lib/dynamo';
import { config } from '../src/lib/config';
import { keys } from '../src/data/keys';
import { getStaff, putStaff } from '../src/data/staff-repo';
import { putFollowUpPolicy } from '../src/data/tasks-repo';
import { hashPassword, verifyPassword } from '../src/staff/passwords';
import { DEMO_BRAND, DEMO_STORES } from './demo-brand';

/** The demo brand's follow-up: staff per region, a recovery survey and a routing rule. */

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** "Did we resolve it?" + NPS again. The yes/no rides on the reason chips, offered for every score. */
const resolvedChoices = [
  { id: 'issue_resolved', label: t('问题已解决', 'Yes, it was resolved') },
  { id: 'issue_not_resolved', label: t('问题未解决', 'No, it was not resolved') },
];
export const DEMO_RECOVERY_SURVEY: SurveyDefinition = {
  surveyId: 'recovery-check',
  version: 1,
  brandId: DEMO_BRAND.brandId,
  title: t('回访满意度', 'Follow-up check'),
  nps: {
    min: 0,
    max: 10,
    question: t('经过这次回访，您有多大可能把我们推荐给朋友？', 'After our call, how likely are you to recommend us to a friend?'),
    lowLabel: t('不可能', 'Not at all likely'),
    highLabel: t('极有可能', 'Extremely likely'),
  },
  reasons: {
    question: { detractor: t('我们解决您的问题了吗？', 'Did we resolve it?'), passive: t('我们解决您的问题了吗？', 'Did we resolve it?'), promoter: t('我们解决您的问题了吗？', 'Did we resolve it?') },
    detractor: resolvedChoices,
    passive: resolvedChoices,
    promoter: resolvedChoices,
  },
  comment: { maxLength: 200, placeholder: t('还有什么想告诉我们的吗？（选填）', 'Anything else? (optional)') },
};

export const DEMO_FOLLOW_UP_POLICY: FollowUpPolicy = {
  brandId: DEMO_BRAND.brandId,
  // Delivery complaints go to the delivery team's queue; everything else to the store's region.
  routing: [{ touchpoint: 'delivery', queue: 'delivery-team' }],
  slaHours: { urgent: 4, normal: 24 },
  businessHours: { start: '09:00', end: '21:00' },
  recoverySurveyId: DEMO_RECOVERY_SURVEY.surveyId,
  recoveryDelayMinutes: 60,
};

export interface DemoStaff {
  username: string;
  password: string;
  name: string;
  role: StaffRole;
  regions: string[];
}

/** A demo password derived from the data key: the same on every start, so a persisted database keeps working. */
const demoPassword = (staffId: string) => `xs-${createHmac('sha256', Buffer.from(config.XS_DATA_KEY, 'base64')).update(`demo-staff:${staffId}`).digest('base64url').slice(0, 10)}`;

const REGION_NAMES: Record<string, string> = { east: '华东', south: '华南' };

export async function seedDemoFollowUp(): Promise<{ staff: DemoStaff[] }> {
  // Written once; a second seed keeps the first (its condition fails, which is fine here).
  await conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.surveyVersion(DEMO_RECOVERY_SURVEY.surveyId, DEMO_RECOVERY_SURVEY.version), ...ZSurveyDefinition.parse(DEMO_RECOVERY_SURVEY) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  await putFollowUpPolicy(DEMO_FOLLOW_UP_POLICY);

  const regions = [...new Set(DEMO_STORES.map((s) => s.region))];
  const accounts: Omit<DemoStaff, 'password'>[] = [
    ...regions.flatMap((region) => [
      { username: `agent.${region}`, name: `${REGION_NAMES[region] ?? region}回访专员`, role: 'agent' as const, regions: [region] },
      { username: `supervisor.${region}`, name: `${REGION_NAMES[region] ?? region}回访主管`, role: 'supervisor' as const, regions: [region] },
    ]),
    { username: 'manager', name: '客户体验经理', role: 'manager', regions: [] },
    // The brand's administrator (stores, keys, surveys, policy, people): the /v1/admin/* routes.
    { username: 'admin', name: '品牌管理员', role: 'admin', regions: [] },
  ];
  const staff: DemoStaff[] = [];
  for (const account of accounts) {
    const password = demoPassword(account.username);
    const existing = await getStaff(account.username);
    if (!existing || !(await verifyPassword(password, existing.passwordHash))) {
      await putStaff({
        staffId: account.username,
        brandId: DEMO_BRAND.brandId,
        name: account.name,
        role: account.role,
        scope: { allRegions: account.role === 'manager' || account.role === 'admin', regions: account.regions, stores: [] },
        passwordHash: await hashPassword(password),
        disabled: false,
        createdAt: existing?.createdAt ?? new Date().toISOString(),
      });
    }
    staff.push({ ...account, password });
  }
  return { staff };
}
