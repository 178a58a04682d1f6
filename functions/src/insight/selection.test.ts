import { ZStore, type StaffProfile } from '@xinsheng/shared';
import { rowsForStores, selectRows } from './selection';

const store = (storeId: string, region: string, staffIds: string[] = []) =>
  ZStore.parse({ storeId, brandId: 'b', name: storeId, region, timeZone: 'Asia/Shanghai', staffIds });
const BRAND = [store('e1', 'east', ['w1']), store('e2', 'east'), store('s1', 'south', ['w3']), store('s2', 'south')];
const staff = (scope: Partial<StaffProfile['scope']>): StaffProfile => ({
  staffId: 'me', brandId: 'b', name: 'me', role: 'manager', scope: { allRegions: false, regions: [], stores: [], ...scope },
});

describe('rowsForStores: the fewest rows that sum to exactly these stores', () => {
  test('the whole brand is its brand row (or brand × touchpoint row)', () => {
    expect(rowsForStores('b', BRAND, BRAND)).toEqual([{ dimension: 'brand', key: 'b' }]);
    expect(rowsForStores('b', BRAND, BRAND, 'pickup')).toEqual([{ dimension: 'touchpoint', key: 'pickup' }]);
  });

  test('a whole region is its region row; the stores of a partial region their own rows', () => {
    expect(rowsForStores('b', BRAND, [BRAND[0], BRAND[1], BRAND[2]])).toEqual([
      { dimension: 'region', key: 'east' },
      { dimension: 'store', key: 's1' },
    ]);
  });

  test('with a touchpoint below the whole brand: store × touchpoint rows (there are no region × touchpoint rows)', () => {
    expect(rowsForStores('b', BRAND, [BRAND[0], BRAND[1]], 'delivery')).toEqual([
      { dimension: 'store_touchpoint', key: 'e1|delivery' },
      { dimension: 'store_touchpoint', key: 'e2|delivery' },
    ]);
  });

  test('no stores, no rows', () => expect(rowsForStores('b', BRAND, [])).toEqual([]));
});

describe('selectRows: scope, filters, groups', () => {
  test('regions and stores in the scope add up; groups are cut to them', () => {
    const selection = selectRows(staff({ regions: ['east'], stores: ['s2'] }), BRAND, {}, 'region');
    expect(selection.stores.map((s) => s.storeId)).toEqual(['e1', 'e2', 's2']);
    expect(selection.total).toEqual([{ dimension: 'region', key: 'east' }, { dimension: 'store', key: 's2' }]);
    expect(selection.groups.map((g) => [g.key, g.rows])).toEqual([
      ['east', [{ dimension: 'region', key: 'east' }]],
      ['south', [{ dimension: 'store', key: 's2' }]],
    ]);
  });

  test('a staff filter reads the staff row; staff groups are the selected stores\' staff', () => {
    const me = staff({ allRegions: true });
    expect(selectRows(me, BRAND, { staff: 'w3' }).total).toEqual([{ dimension: 'staff', key: 'w3' }]);
    expect(selectRows(me, BRAND, { region: 'east' }, 'staff').groups.map((g) => g.key)).toEqual(['w1']);
  });

  test.each([
    [{ store: 's1' }, 403, 'store'],
    [{ region: 'south' }, 403, 'region'],
    [{ staff: 'w3' }, 403, 'staff'],
    [{ store: 'x9' }, 404, 'store'],
    [{ region: 'north' }, 404, 'region'],
    [{ staff: 'nobody' }, 404, 'staff'],
    [{ staff: 'w1', touchpoint: 'pickup' as const }, 400, 'touchpoint'],
  ])('%j by an east manager → %i naming %s', (filters, status, field) => {
    try {
      selectRows(staff({ regions: ['east'] }), BRAND, filters);
      throw new Error('no error');
    } catch (error) {
      expect(error).toMatchObject({ status, details: [{ path: ['query', field] }] });
    }
  });

  test('staff grouped by touchpoint is a 400 naming groupBy', () => {
    expect(() => selectRows(staff({ allRegions: true }), BRAND, { touchpoint: 'pickup' }, 'staff')).toThrow(expect.objectContaining({ status: 400, details: [expect.objectContaining({ path: ['query', 'groupBy'] })] }));
  });
});
