import { ZExternalId, ZTriggerRequest, brandTouchpoints, touchpointError, type StoreKey, type TriggerRequest } from '@xinsheng/shared';
import { z } from 'zod';
import { badRequest, notFound, zodDetails, type ErrorDetail } from '../lib/errors';
import { rawBody, type HttpEvent } from '../lib/http';
import { getBrand, getStore } from '../data/catalog-repo';
import { assertKeyAllowsStore } from './store-auth';

/**
 * A trigger's body: the schema, the key's stores (403), and the brand's touchpoints — a touchpoint
 * the brand does not have is a 400 naming `touchpoint` and listing the brand's (brand data, edited
 * by its admin; a change counts within the catalog cache's 30 s). All before the nonce is spent,
 * so a refused trigger stores nothing, and one 400 names every bad field, the touchpoint included.
 */
const ZTouchpointProbe = z.object({ storeId: ZExternalId, touchpoint: z.string() });

/** The message about this touchpoint, or undefined when it is the brand's (or the store is unknown: the caller decides). */
async function touchpointProblem(storeId: string, touchpoint: string): Promise<string | undefined> {
  const store = await getStore(storeId);
  const brand = store && (await getBrand(store.brandId));
  return brand && touchpointError(touchpoint, brandTouchpoints(brand));
}

export async function parseTrigger(event: HttpEvent, key: StoreKey): Promise<TriggerRequest> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody(event) || 'null');
  } catch {
    throw badRequest('the body is not valid JSON', [{ path: ['body'], message: 'not valid JSON' }]);
  }
  const parsed = z.safeParse(ZTriggerRequest, value);
  if (parsed.success) {
    assertKeyAllowsStore(key, parsed.data.storeId);
    if (!(await getStore(parsed.data.storeId))) throw notFound(`store ${parsed.data.storeId} is not known`);
    const message = await touchpointProblem(parsed.data.storeId, parsed.data.touchpoint);
    if (message) throw badRequest(`unknown touchpoint ${parsed.data.touchpoint}`, [{ path: ['body', 'touchpoint'], message }]);
    return parsed.data;
  }
  const details: ErrorDetail[] = zodDetails(parsed.error, ['body']);
  const probe = ZTouchpointProbe.safeParse(value);
  if (probe.success && key.storeIds.includes(probe.data.storeId) && !details.some((d) => d.path.join('.') === 'body.touchpoint')) {
    const message = await touchpointProblem(probe.data.storeId, probe.data.touchpoint);
    if (message) details.push({ path: ['body', 'touchpoint'], message });
  }
  throw badRequest('the body is invalid', details);
}
