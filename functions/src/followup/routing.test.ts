import { ZFollowUpPolicy, ZResponseRecord } from '@xinsheng/shared';
import { planTask, raisedPriority, routeQueue } from './routing';
import { inertExcerpt, noticeMarkdown } from './notify';
import { taskFromResponse } from './create-callback-task';

const response = (overrides: Record<string, unknown> = {}) =>
  ZResponseRecord.parse({
    responseId: '01JABCDEFGHJKMNPQRSTVWXYZ0', invitationId: '01JABCDEFGHJKMNPQRSTVWXYZ1', clientResponseId: 'client-1',
    brandId: 'demo-brand', storeId: 'sh-001', region: 'east', orderId: 'o-1', touchpoint: 'in_store', surveyId: 'retail-nps',
    surveyVersion: 1, answers: { nps: 5 }, band: 'detractor', submittedAt: '2026-03-10T02:00:00.000Z', day: '2026-03-10',
    timeZone: 'Asia/Shanghai', kind: 'survey', followUp: { callback: true }, ...overrides,
  });

describe('routeQueue', () => {
  const rules = [
    { storeId: 'hz-001', queue: 'hz-vip' },
    { touchpoint: 'delivery' as const, queue: 'delivery-team' },
    { touchpoint: 'online' as const, region: 'south', queue: 'south-online' },
  ];
  test.each([
    ['no rule matches → the region queue', { touchpoint: 'in_store', storeId: 'sh-001', region: 'east' }, 'region:east'],
    ['a store rule', { touchpoint: 'delivery', storeId: 'hz-001', region: 'east' }, 'hz-vip'],
    ['a touchpoint rule', { touchpoint: 'delivery', storeId: 'sh-001', region: 'east' }, 'delivery-team'],
    ['every field of a rule must match', { touchpoint: 'online', storeId: 'sh-001', region: 'east' }, 'region:east'],
    ['…and then it does', { touchpoint: 'online', storeId: 'gz-001', region: 'south' }, 'south-online'],
  ] as const)('%s', (_name, input, queue) => {
    expect(routeQueue(input, rules)).toBe(queue);
  });
});

describe('planTask', () => {
  const policy = ZFollowUpPolicy.parse({ brandId: 'demo-brand' });
  test.each([
    // 10:00 Shanghai; urgent 4 business hours → 14:00 local (06:00Z).
    ['NPS 3 is urgent, 4 business hours', { answers: { nps: 3 } }, 'urgent', '2026-03-10T06:00:00.000Z'],
    // normal 24 business hours from 10:00 → 11h today, 12h tomorrow, 1h the day after: 10:00 local on the 12th.
    ['NPS 5 is normal, 24 business hours', { answers: { nps: 5 } }, 'normal', '2026-03-12T02:00:00.000Z'],
    ['a complaint keyword makes it urgent', { answers: { nps: 6, comment: '我要去12315投诉' } }, 'urgent', '2026-03-10T06:00:00.000Z'],
    // Answered at 22:30 local: the clock starts at 09:00 the next day.
    ['answered at night', { answers: { nps: 0 }, submittedAt: '2026-03-10T14:30:00.000Z' }, 'urgent', '2026-03-11T05:00:00.000Z'],
  ])('%s', (_name, overrides, priority, dueAt) => {
    const plan = planTask(response(overrides), policy);
    expect(plan.priority).toBe(priority);
    expect(plan.dueAt.toISOString()).toBe(dueAt);
  });

  test('brand SLA hours and keywords are used', () => {
    const custom = ZFollowUpPolicy.parse({ brandId: 'demo-brand', slaHours: { urgent: 1, normal: 2 }, urgentKeywords: ['slow'] });
    const plan = planTask(response({ answers: { nps: 6, comment: 'so SLOW' } }), custom);
    expect(plan).toMatchObject({ priority: 'urgent' });
    expect(plan.dueAt.toISOString()).toBe('2026-03-10T03:00:00.000Z');
  });

  test('the same response plans the same task (redelivery changes nothing)', () => {
    const r = response();
    expect(taskFromResponse(r, planTask(r, policy))).toEqual(taskFromResponse(r, planTask(r, policy)));
  });
});

test.each([
  ['normal', 'urgent'],
  ['urgent', 'critical'],
  ['critical', 'critical'],
] as const)('raisedPriority(%s) = %s', (from, to) => expect(raisedPriority(from)).toBe(to));

describe('robot notice', () => {
  test('the comment is cut at 60 characters, flattened and made inert', () => {
    const long = '一'.repeat(70);
    expect(inertExcerpt(long)).toBe(`${'一'.repeat(60)}…`);
    expect(inertExcerpt('a\n\nb  c')).toBe('a b c');
    const hostile = inertExcerpt('<font color="info">hi</font> [click](http://evil) **x** `y`');
    expect(hostile).not.toMatch(/[<>[\]()*`]/);
    expect(inertExcerpt(undefined)).toBe('（无留言）');
  });

  test('markdown names the store, score, comment, local due time and a link', () => {
    const r = response({ answers: { nps: 2, csat: 1, comment: '店员态度很差' } });
    const task = taskFromResponse(r, planTask(r, ZFollowUpPolicy.parse({ brandId: 'demo-brand' })));
    const text = noticeMarkdown(task, '上海南京西路店', 'urgent');
    expect(text).toContain('上海南京西路店');
    expect(text).toContain('NPS 2 · 满意度 1/5');
    expect(text).toContain('店员态度很差');
    expect(text).toContain('2026-03-10 14:00');
    expect(text).toMatch(/\[打开任务\]\(http.*id=01JABCDEFGHJKMNPQRSTVWXYZ0\)/);
  });
});
