import { mayAct, mayAdminister, mayReadInsight, OVERRIDE_ROLES, ROLE_ACTIONS } from './permissions';

describe('the role table', () => {
  test.each([
    ['agent', 'resolve', true],
    ['agent', 'reopen', false],
    ['agent', 'assign', false],
    ['supervisor', 'assign', true],
    ['manager', 'read', true],
    ['manager', 'reveal_phone', false],
    ['admin', 'reopen', true],
  ] as const)('%s may %s: %s', (role, action, expected) => expect(mayAct(role, action)).toBe(expected));

  test('whoever may override another’s claim may also work tasks', () => {
    for (const role of OVERRIDE_ROLES) expect(ROLE_ACTIONS[role]).toEqual(expect.arrayContaining(['claim', 'attempt', 'resolve']));
  });
});

describe('who reads the insight figures', () => {
  test.each([
    ['agent', false],
    ['supervisor', true],
    ['manager', true],
    ['admin', true],
  ] as const)('%s: %s', (role, expected) => expect(mayReadInsight(role)).toBe(expected));
});

describe('brand administration', () => {
  test.each([
    ['admin', true],
    ['manager', false],
    ['supervisor', false],
    ['agent', false],
  ] as const)('%s may administer the brand: %s', (role, expected) => expect(mayAdminister(role)).toBe(expected));
});
