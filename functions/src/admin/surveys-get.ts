import { ZSurveyDetail } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { readSurvey, surveyIdParam } from './surveys-service';

/** GET /v1/admin/surveys/{surveyId} — the latest definition and every version's number, date and publisher. */
export const handler = adminHandler(async (event, admin) => json(200, ZSurveyDetail.parse(await readSurvey(admin.brandId, surveyIdParam(event)))));
