import { ZStaffUsername, type AdminStaffCreate, type AdminStaffUpdate, type AdminStaffView, type StaffRecord, type StaffScope } from '@xinsheng/shared';
import { DomainError, badRequest, notFound } from '../lib/errors';
import { parseWith, type HttpEvent } from '../lib/http';
import { auditPut } from '../data/audit-repo';
import { getStaff, writeStaffChange } from '../data/staff-repo';
import { generatePassword, hashPassword } from '../staff/passwords';

/**
 * Staff accounts as a brand admin (and `npm run staff`) manage them. Every change is one transaction
 * with its audit entry (before/after without the password hash), and none leaves the brand without an
 * active admin (see writeStaffChange). Passwords are generated here and returned once; only their
 * scrypt hash is stored. There is no forced change at first login: the password is shown once, and
 * an admin can reset it at any time (a new one, shown once).
 */
export const usernameTaken = () => new DomainError(409, 'username_taken', 'this username is taken');
export const lastAdmin = () => new DomainError(409, 'last_admin', 'the brand must keep at least one active admin');
const staffNotFound = () => notFound('no such staff account');

/** `{staffId}` of the route (400 naming `path.staffId` when it cannot be a username). */
export const staffIdParam = (event: HttpEvent) => parseWith(event.pathParameters?.staffId, ZStaffUsername, ['path', 'staffId']);

/** The account as an admin (and the audit log) sees it: never the password hash. */
export function staffView(staff: StaffRecord): AdminStaffView {
  return {
    staffId: staff.staffId,
    username: staff.staffId,
    name: staff.name,
    role: staff.role,
    scope: staff.scope,
    disabled: staff.disabled,
    createdAt: staff.createdAt,
    ...(staff.updatedAt ? { updatedAt: staff.updatedAt } : {}),
  };
}

type ScopeFields = Pick<AdminStaffUpdate, 'allRegions' | 'regions' | 'stores'>;

const givesScope = (fields: ScopeFields) => fields.allRegions !== undefined || fields.regions !== undefined || fields.stores !== undefined;

/** A whole scope from the body's fields; an account must cover something (400 naming `regions` otherwise). */
function scopeFrom(fields: ScopeFields): StaffScope {
  const scope = { allRegions: fields.allRegions ?? false, regions: fields.regions ?? [], stores: fields.stores ?? [] };
  if (!scope.allRegions && !scope.regions.length && !scope.stores.length) {
    throw badRequest('the account covers nothing', [{ path: ['body', 'regions'], message: 'give allRegions, regions or stores' }]);
  }
  return scope;
}

export interface CreateStaffInput extends AdminStaffCreate {
  brandId: string;
  /** Only the CLI may choose one (scripts, demo); the API always generates it. */
  password?: string;
}

export async function createStaffAccount(input: CreateStaffInput, actor: string, now = new Date()): Promise<{ record: StaffRecord; password: string }> {
  const password = input.password ?? generatePassword();
  const record: StaffRecord = {
    staffId: input.username,
    brandId: input.brandId,
    name: input.name,
    role: input.role,
    scope: scopeFrom(input),
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: now.toISOString(),
  };
  const audit = auditPut({ brandId: input.brandId, actor, action: 'staff.create', target: `staff:${record.staffId}`, after: staffView(record), at: now });
  const outcome = await writeStaffChange(undefined, record, audit);
  if (outcome === 'taken') throw usernameTaken();
  if (outcome !== 'written') throw new Error(`unexpected outcome ${outcome} for a new account`);
  return { record, password };
}

/**
 * Reads the account, applies `change`, writes it under the condition that it did not move meanwhile
 * (a few tries when it did). 404 for an account of another brand; 409 `last_admin`.
 */
async function changeAccount(
  brandId: string,
  staffId: string,
  actor: string,
  action: string,
  change: (staff: StaffRecord) => Promise<StaffRecord>,
  now: Date,
): Promise<StaffRecord> {
  for (let attempt = 1; ; attempt++) {
    const before = await getStaff(staffId);
    if (!before || before.brandId !== brandId) throw staffNotFound();
    const after = { ...(await change(before)), updatedAt: now.toISOString() };
    const audit = auditPut({ brandId, actor, action, target: `staff:${staffId}`, before: staffView(before), after: staffView(after), at: now });
    const outcome = await writeStaffChange(before, after, audit);
    if (outcome === 'written') return after;
    if (outcome === 'last_admin') throw lastAdmin();
    if (attempt >= 3) throw new DomainError(409, 'conflict', 'the account changed meanwhile; try again');
  }
}

/** Name, role, scope (replaced whole when any scope field is given), disabled. */
export function updateStaffAccount(brandId: string, staffId: string, patch: AdminStaffUpdate, actor: string, now = new Date()): Promise<StaffRecord> {
  return changeAccount(
    brandId,
    staffId,
    actor,
    'staff.update',
    async (staff) => ({
      ...staff,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(givesScope(patch) ? { scope: scopeFrom(patch) } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    }),
    now,
  );
}

/** A new one-time password (returned once); the old one stops working at once. */
export async function resetStaffPassword(brandId: string, staffId: string, actor: string, now = new Date()): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await changeAccount(brandId, staffId, actor, 'staff.password_reset', async (staff) => ({ ...staff, passwordHash }), now);
  return password;
}
