import { WeChatApiError } from '../channels/wechat/errors';
import { TemplateDataError, callbackNoticeData, templateValueProblem } from '../channels/wechat/template-data';
import { MAX_SEND_ROUNDS, noticePagePath, noticeTrigger, noticeWording, outcomeOfFailure } from './callback-notice';

describe('noticeTrigger: the first reached attempt or the resolve, whichever came first', () => {
  test.each([
    ['nothing yet', { status: 'in_progress' as const }, undefined],
    ['reached', { status: 'in_progress' as const, firstContactAt: '2026-03-10T03:00:00.000Z' }, { trigger: 'reached', at: '2026-03-10T03:00:00.000Z' }],
    ['resolved without a reach', { status: 'resolved' as const, resolvedAt: '2026-03-10T04:00:00.000Z' }, { trigger: 'resolved', at: '2026-03-10T04:00:00.000Z' }],
    ['reached, then resolved', { status: 'resolved' as const, firstContactAt: '2026-03-10T03:00:00.000Z', resolvedAt: '2026-03-10T04:00:00.000Z' }, { trigger: 'reached', at: '2026-03-10T03:00:00.000Z' }],
    ['a reopened task (its resolve undone, not reached)', { status: 'open' as const, resolvedAt: '2026-03-10T04:00:00.000Z' }, undefined],
  ])('%s', (_name, task, expected) => {
    expect(noticeTrigger(task)).toEqual(expected);
  });
});

describe('what becomes of a spent grant when the send fails', () => {
  const wechat = (errcode: number, transport = false) => new WeChatApiError(errcode, 'x', 'subscribeMessage.send', { transport });
  test.each([
    ['43101: refused, spent, never retried', wechat(43101), 1, 'refused'],
    ['busy: given back for another round', wechat(-1), 1, 'granted'],
    ['45009 (quota): given back', wechat(45009), 2, 'granted'],
    ['busy in the last round: failed', wechat(-1), MAX_SEND_ROUNDS, 'failed'],
    ['no answer (may have been delivered): failed, never sent again', wechat(-1, true), 1, 'failed'],
    ['47003: failed (a retry fails the same way)', wechat(47003), 1, 'failed'],
    ['a template value we could not build: failed', new TemplateDataError('phrase', 'too long'), 1, 'failed'],
  ])('%s', (_name, error, rounds, state) => {
    const outcome = outcomeOfFailure(error, rounds);
    expect(outcome.state).toBe(state);
    if (error instanceof WeChatApiError) expect(outcome.errcode).toBe(error.errcode);
  });
});

test.each([
  ['reached', undefined],
  ['resolved', 'resolved'],
  ['resolved', 'unreachable'],
  ['resolved', 'compensated'],
] as const)('the %s wording (outcome %s) is within WeChat limits', (trigger, outcome) => {
  const wording = noticeWording({ outcome }, trigger);
  const data = callbackNoticeData({ storeName: '心声连锁上海市徐汇区漕河泾开发区宜山路旗舰店', status: wording.status, note: wording.note, at: '2026-03-10T03:00:00.000Z', timeZone: 'Asia/Shanghai' });
  for (const [key, { value }] of Object.entries(data)) expect(templateValueProblem(key, value)).toBeUndefined();
});

test('the link opens the survey page of the invitation, marked as from the notice', () => {
  expect(noticePagePath('01JABCDEFGHJKMNPQRSTVWXYZ1')).toMatch(/^pages\/survey\/index\?inv=01JABCDEFGHJKMNPQRSTVWXYZ1\.[A-Za-z0-9_-]+&from=notice$/);
});
