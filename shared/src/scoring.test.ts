import { npsBand } from './scoring';

describe('npsBand', () => {
  it.each([
    [0, 'detractor'], [6, 'detractor'], [7, 'passive'], [8, 'passive'], [9, 'promoter'], [10, 'promoter'],
  ] as const)('%i is a %s', (score, band) => expect(npsBand(score)).toBe(band));

  it.each([-1, 11, 6.5, Number.NaN])('refuses %p', (score) => expect(() => npsBand(score)).toThrow(RangeError));
});
