import { LEGACY_TOUCHPOINTS, ZTouchpointList, touchpointError } from './touchpoint-list';

const label = { 'zh-CN': '购买', en: 'Purchase' };

describe('a brand’s touchpoints', () => {
  test('ids are lower-case, unique and labelled in both locales', () => {
    expect(ZTouchpointList.safeParse([{ id: 'purchase', label }]).success).toBe(true);
    expect(ZTouchpointList.safeParse([{ id: 'Purchase', label }]).success).toBe(false);
    expect(ZTouchpointList.safeParse([{ id: 'purchase', label }, { id: 'purchase', label }]).success).toBe(false);
    expect(ZTouchpointList.safeParse([{ id: 'purchase', label: { 'zh-CN': '购买' } }]).success).toBe(false);
    expect(ZTouchpointList.safeParse([]).success).toBe(false);
  });
  test('an unknown touchpoint is refused with the brand’s list; a known one passes', () => {
    const list = [{ id: 'purchase', label }, { id: 'pickup', label }];
    expect(touchpointError('purchase', list)).toBeUndefined();
    expect(touchpointError('repair', list)).toBe('not a touchpoint of this brand; expected one of: purchase, pickup');
  });
  test('the legacy list keeps the old fixed values valid', () => {
    for (const id of ['in_store', 'online', 'delivery', 'service', 'pickup']) expect(touchpointError(id, LEGACY_TOUCHPOINTS)).toBeUndefined();
  });
});
