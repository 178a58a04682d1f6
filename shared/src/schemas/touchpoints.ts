import * as z from 'zod/mini';

/**
 * Touchpoints are each brand's own data (`purchase`, `delivery`, `repair`…), with zh-CN/en labels,
 * kept on the brand item and edited by its admin (PUT /v1/admin/brand). A trigger names one of its
 * brand's touchpoints (`touchpointError` says what else it gets); stored and streamed records keep
 * any id string (ZTouchpoint), so history never depends on what a brand's list says today.
 */
// One check, so a bad id is one issue (an empty one too).
export const ZTouchpointId = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,31}$/, '1–32 lower-case letters, digits and _, starting with a letter'));
