import { mayAdminister, type StaffProfile } from '@xinsheng/shared';
import { DomainError, notFound } from '../lib/errors';
import { httpHandler, type HttpEvent, type HttpResult } from '../lib/http';
import { logger } from '../lib/logger';
import { recordAudit } from '../data/audit-repo';
import { authenticateStaff } from '../staff/staff-auth';

/**
 * The one gate of every `/v1/admin/*` route:
 * 1. a valid staff token (401 otherwise);
 * 2. the admin role (shared `mayAdminister`): any other role is 403 `forbidden_role`, and the
 *    refused attempt is written to the brand's audit log (`admin.denied`, target = the route);
 * 3. the caller's own brand only: anything of another brand does not exist for them (404,
 *    `assertOwnBrand`), so nobody learns which ids other brands use.
 */
export const forbiddenAdmin = () => new DomainError(403, 'forbidden_role', 'only a brand admin may do this');

/** `POST /v1/admin/stores` — how a refused attempt names what it tried. */
export function routeOf(event: HttpEvent): string {
  return `${event.requestContext.http.method} ${event.rawPath}`;
}

export async function authenticateAdmin(event: HttpEvent, now = new Date()): Promise<StaffProfile> {
  const staff = await authenticateStaff(event, now);
  if (!mayAdminister(staff.role)) {
    try {
      await recordAudit({ brandId: staff.brandId, actor: staff.staffId, action: 'admin.denied', target: routeOf(event), after: { role: staff.role }, at: now });
    } catch (error) {
      // The refusal stands even if its audit write fails; the failure is logged, never swallowed silently.
      logger.error('audit of a refused admin attempt failed', { error: error as Error });
    }
    throw forbiddenAdmin();
  }
  return staff;
}

/** 404 unless the item exists and belongs to the admin's brand (another brand's item is not there for them). */
export function assertOwnBrand<T extends { brandId: string }>(admin: Pick<StaffProfile, 'brandId'>, item: T | undefined, what: string): asserts item is T {
  if (!item || item.brandId !== admin.brandId) throw notFound(`no such ${what}`);
}

/** An admin route: the gate above, then `handle` with the admin's profile. */
export function adminHandler(handle: (event: HttpEvent, admin: StaffProfile) => Promise<HttpResult>) {
  return httpHandler(async (event) => handle(event, await authenticateAdmin(event)));
}

type AdminRoute = (event: HttpEvent, admin: StaffProfile, now: Date) => Promise<HttpResult>;

/**
 * One function for a group of admin routes (serverless.yml): the gate once, then the route's
 * handler by the HTTP API's route key (`POST /v1/admin/stores/{storeId}/keys`).
 */
export function adminRoutes(routes: Record<string, AdminRoute>) {
  return httpHandler(async (event) => {
    const route = routes[event.routeKey];
    if (!route) throw notFound(`no route ${event.routeKey}`);
    const now = new Date();
    return route(event, await authenticateAdmin(event, now), now);
  });
}
