import { ZResponseRequest, ZTriggerRequest } from './api';
import { answerIssues, ZAnswers } from './answers';
import { ZSurveyDefinition, type SurveyDefinition } from './survey';

const t = (s: string) => ({ 'zh-CN': s, en: s });
const survey: SurveyDefinition = ZSurveyDefinition.parse({
  surveyId: 's1', version: 1, brandId: 'b1', title: t('t'),
  nps: { min: 0, max: 10, question: t('q'), lowLabel: t('0'), highLabel: t('10') },
  csat: { min: 1, max: 5, question: t('csat') },
  reasons: {
    question: { detractor: t('d'), passive: t('p'), promoter: t('pr') },
    detractor: [{ id: 'long_wait', label: t('wait') }],
    passive: [{ id: 'price', label: t('price') }],
    promoter: [{ id: 'friendly_staff', label: t('staff') }],
  },
  comment: { maxLength: 500, placeholder: t('c') },
});

const trigger = {
  storeId: 'sh-001', orderId: 'o-1', touchpoint: 'in_store', occurredAt: '2026-11-23T12:00:00+08:00', customer: { openid: 'oABCDEF123' },
};

describe('ZTriggerRequest', () => {
  it('accepts a minimal trigger', () => expect(ZTriggerRequest.safeParse(trigger).success).toBe(true));
  it.each([
    [{ orderId: '' }, 'orderId'], [{ orderId: 'a#b' }, 'orderId'], [{ touchpoint: '' }, 'touchpoint'],
    [{ occurredAt: 'yesterday' }, 'occurredAt'], [{ customer: { phone: '12345' } }, 'customer.phone'], [{ amountFen: -1 }, 'amountFen'],
    [{ amountFen: 1.5 }, 'amountFen'], [{ extra: 1 }, ''], [{ channel: 'sms' }, 'channel'],
  ])('refuses %j, naming %s', (patch, path) => {
    const result = ZTriggerRequest.safeParse({ ...trigger, ...patch });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('ZAnswers', () => {
  it.each([{ nps: -1 }, { nps: 11 }, { nps: 7.5 }, { nps: 5, csat: 0 }, { nps: 5, csat: 6 }, { nps: 5, ces: 8 }, { nps: 5, comment: 'x'.repeat(501) }, {}])(
    'refuses %j',
    (answers) => expect(ZAnswers.safeParse(answers).success).toBe(false),
  );
  it('accepts a 500-character comment and the bounds', () => {
    expect(ZAnswers.safeParse({ nps: 0, csat: 1, ces: 7, comment: '好'.repeat(500) }).success).toBe(true);
    expect(ZAnswers.safeParse({ nps: 10, csat: 5, ces: 1 }).success).toBe(true);
  });
});

describe('answerIssues (against a survey version)', () => {
  it('accepts reasons offered for the band', () => expect(answerIssues(survey, { nps: 3, reasons: ['long_wait'] })).toEqual([]));
  it('names a reason of another band', () => {
    expect(answerIssues(survey, { nps: 9, reasons: ['long_wait'] })).toEqual([{ path: ['reasons', 0], message: expect.stringContaining('promoter') }]);
  });
  it('names a reason given twice', () => {
    expect(answerIssues(survey, { nps: 3, reasons: ['long_wait', 'long_wait'] })).toEqual([{ path: ['reasons', 1], message: expect.any(String) }]);
  });
  it('refuses a question the survey does not ask', () => {
    expect(answerIssues(survey, { nps: 3, ces: 2 })).toEqual([{ path: ['ces'], message: expect.any(String) }]);
  });
  it('asks for a required question', () => {
    const strict = { ...survey, csat: { ...survey.csat!, required: true } };
    expect(answerIssues(strict, { nps: 3 })).toEqual([{ path: ['csat'], message: 'csat is required' }]);
  });
  it('holds a comment to the survey limit', () => {
    expect(answerIssues({ ...survey, comment: { ...survey.comment, maxLength: 10 } }, { nps: 3, comment: 'x'.repeat(11) })).toHaveLength(1);
  });
});

describe('ZResponseRequest', () => {
  const ok = { invitationToken: `01JD0000000000000000000000.${'a'.repeat(32)}`, clientResponseId: 'client-12345', answers: { nps: 3 } };
  it('accepts a well-formed request', () => expect(ZResponseRequest.safeParse(ok).success).toBe(true));
  it('refuses a malformed token and a short client id', () => {
    expect(ZResponseRequest.safeParse({ ...ok, invitationToken: 'nope' }).success).toBe(false);
    expect(ZResponseRequest.safeParse({ ...ok, clientResponseId: 'x' }).success).toBe(false);
  });
});
