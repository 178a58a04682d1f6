import { ZBrandSettings } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { readBrand } from './brand-service';

/** GET /v1/admin/brand — name, default survey, contact and follow-up policy, touchpoints. */
export const handler = adminHandler(async (_event, admin) => json(200, ZBrandSettings.parse(await readBrand(admin.brandId))));
