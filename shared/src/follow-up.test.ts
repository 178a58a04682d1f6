import { callbackPriority, needsCallback } from './follow-up';

describe('needsCallback', () => {
  it.each([
    [{ nps: 6 }, true], [{ nps: 7 }, false], [{ nps: 0 }, true], [{ nps: 9, csat: 2 }, true], [{ nps: 9, csat: 3 }, false], [{ nps: 10 }, false],
  ])('%j → %s', (answers, expected) => expect(needsCallback(answers)).toBe(expected));
});

describe('callbackPriority', () => {
  it.each([
    [{ nps: 3 }, 'urgent'], [{ nps: 4 }, 'normal'], [{ nps: 6, comment: '我要投诉店长' }, 'urgent'],
    [{ nps: 5, comment: '要求退款' }, 'urgent'], [{ nps: 5, comment: '已打12315' }, 'urgent'], [{ nps: 5, comment: 'I want a REFUND' }, 'urgent'],
    [{ nps: 6, comment: '排队有点久' }, 'normal'],
  ] as const)('%j → %s', (answers, expected) => expect(callbackPriority(answers)).toBe(expected));
});
