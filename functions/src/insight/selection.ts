import { type StaffProfile, type Store, type Touchpoint } from '@xinsheng/shared';
import { DomainError, badRequest, notFound } from '../lib/errors';
import type { CounterGroup } from '../data/insight-read-repo';

/**
 * Which counter rows answer a metrics request, cut to the caller's scope — the same rule as tasks
 * (functions/src/staff/scope.ts): a staff member sees the stores of their regions and their own
 * stores; `allRegions` sees the brand.
 *
 * - Every figure covers only the caller's stores: the total is the sum of the smallest set of rows
 *   that covers exactly those stores (the brand row when that is the whole brand, a region's row
 *   when the whole region is in, store rows for the rest), and groups are those stores', regions'
 *   or staff members' rows.
 * - An explicit filter outside the scope is a 403 (`out_of_scope`); an id the brand does not have
 *   — including any other brand's store, region or staff id, which do not exist for the caller — is a
 *   404 (`not_found`), as a task outside one's brand is a 404 on the tasks API.
 * - There are no staff × touchpoint counters: combining them is a 400 naming the field.
 */

export interface MetricsFilters {
  region?: string;
  store?: string;
  staff?: string;
  touchpoint?: Touchpoint;
}

export type EntityGroupBy = 'store' | 'region' | 'staff' | 'touchpoint';

export interface PlannedGroup {
  key: string;
  /** The kind of thing the key names (for its label). */
  kind: EntityGroupBy;
  rows: CounterGroup[];
}

export interface Selection {
  /** The stores the figures cover (the caller's scope cut by the filters). */
  stores: Store[];
  total: CounterGroup[];
  /** Groups of an entity groupBy (store, region, staff, touchpoint); empty otherwise. */
  groups: PlannedGroup[];
}

export const outOfScope = (field: string, id: string) =>
  new DomainError(403, 'out_of_scope', `${field} ${id} is outside your scope`, [{ path: ['query', field], message: 'outside your scope' }]);

const unknown = (field: string, id: string) => {
  const error = notFound(`no such ${field}: ${id}`);
  return new DomainError(error.status, error.code, error.message, [{ path: ['query', field], message: 'no such id in your brand' }]);
};

const touchpointWithStaff = (field: 'touchpoint' | 'groupBy') =>
  badRequest('staff and touchpoint cannot be combined', [{ path: ['query', field], message: 'there are no figures per staff member and touchpoint; drop one of them' }]);

export function storeInScope(staff: Pick<StaffProfile, 'brandId' | 'scope'>, store: Pick<Store, 'brandId' | 'region' | 'storeId'>): boolean {
  if (store.brandId !== staff.brandId) return false;
  return staff.scope.allRegions || staff.scope.regions.includes(store.region) || staff.scope.stores.includes(store.storeId);
}

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * The fewest rows whose sum is exactly these stores' figures (for one touchpoint, or all): the brand
 * (or brand × touchpoint) row for the whole brand; else whole regions' rows and single stores' rows —
 * or store × touchpoint rows when a touchpoint is chosen (there are no region × touchpoint rows).
 */
export function rowsForStores(brandId: string, brandStores: readonly Store[], stores: readonly Store[], touchpoint?: Touchpoint): CounterGroup[] {
  const chosen = new Set(stores.map((s) => s.storeId));
  if (!chosen.size) return [];
  const wholeBrand = brandStores.every((s) => chosen.has(s.storeId));
  if (touchpoint) {
    if (wholeBrand) return [{ dimension: 'touchpoint', key: touchpoint }];
    return stores.map((s) => ({ dimension: 'store_touchpoint', key: `${s.storeId}|${touchpoint}` }));
  }
  if (wholeBrand) return [{ dimension: 'brand', key: brandId }];
  const rows: CounterGroup[] = [];
  for (const region of unique(stores.map((s) => s.region))) {
    const inRegion = brandStores.filter((s) => s.region === region);
    if (inRegion.every((s) => chosen.has(s.storeId))) rows.push({ dimension: 'region', key: region });
    else for (const s of inRegion) if (chosen.has(s.storeId)) rows.push({ dimension: 'store', key: s.storeId });
  }
  return rows;
}

/** The stores, total rows and groups of a request; throws 403/404/400 as described above. */
export function selectRows(staff: StaffProfile, brandStores: readonly Store[], filters: MetricsFilters, groupBy?: string, touchpointIds: readonly string[] = []): Selection {
  const { brandId } = staff;
  let stores = brandStores.filter((s) => storeInScope(staff, s));

  if (filters.region !== undefined) {
    const region = filters.region;
    if (!brandStores.some((s) => s.region === region)) throw unknown('region', region);
    stores = stores.filter((s) => s.region === region);
    if (!stores.length) throw outOfScope('region', region);
  }
  if (filters.store !== undefined) {
    const store = brandStores.find((s) => s.storeId === filters.store);
    if (!store) throw unknown('store', filters.store);
    if (!storeInScope(staff, store)) throw outOfScope('store', store.storeId);
    stores = stores.filter((s) => s.storeId === store.storeId);
    if (!stores.length) throw badRequest('the store is not in the chosen region', [{ path: ['query', 'store'], message: `not in region ${filters.region}` }]);
  }
  if (filters.staff !== undefined) {
    const staffId = filters.staff;
    const theirs = brandStores.filter((s) => s.staffIds.includes(staffId));
    if (!theirs.length) throw unknown('staff', staffId);
    if (!theirs.some((s) => storeInScope(staff, s))) throw outOfScope('staff', staffId);
    if (filters.touchpoint) throw touchpointWithStaff('touchpoint');
    if (groupBy === 'touchpoint') throw touchpointWithStaff('groupBy');
    stores = stores.filter((s) => s.staffIds.includes(staffId));
    if (!stores.length) throw badRequest('the staff member works in none of the chosen stores', [{ path: ['query', 'staff'], message: 'not in the chosen region or store' }]);
  }
  if (groupBy === 'staff' && filters.touchpoint) throw touchpointWithStaff('groupBy');

  const total: CounterGroup[] = filters.staff !== undefined ? [{ dimension: 'staff', key: filters.staff }] : rowsForStores(brandId, brandStores, stores, filters.touchpoint);
  const groups: PlannedGroup[] = [];
  switch (groupBy) {
    case 'store':
      for (const s of stores) groups.push({ key: s.storeId, kind: 'store', rows: rowsForStores(brandId, brandStores, [s], filters.touchpoint) });
      break;
    case 'region':
      for (const region of unique(stores.map((s) => s.region))) {
        groups.push({ key: region, kind: 'region', rows: rowsForStores(brandId, brandStores, stores.filter((s) => s.region === region), filters.touchpoint) });
      }
      break;
    case 'staff': {
      const ids = filters.staff !== undefined ? [filters.staff] : unique(stores.flatMap((s) => s.staffIds));
      for (const id of ids) groups.push({ key: id, kind: 'staff', rows: [{ dimension: 'staff', key: id }] });
      break;
    }
    case 'touchpoint':
      for (const tp of filters.touchpoint ? [filters.touchpoint] : touchpointIds) {
        groups.push({ key: tp, kind: 'touchpoint', rows: rowsForStores(brandId, brandStores, stores, tp) });
      }
      break;
    default:
  }
  return { stores, total, groups };
}
