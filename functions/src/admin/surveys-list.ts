import { ZSurveyList } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { listSurveys } from './surveys-service';

/** GET /v1/admin/surveys — the brand's surveys with their titles and latest versions. */
export const handler = adminHandler(async (_event, admin) => json(200, ZSurveyList.parse({ items: await listSurveys(admin.brandId) })));
