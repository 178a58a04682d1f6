import { ZSurveyDraft, ZSurveyPublished } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { parseStrictBody } from './strict-body';
import { publishSurvey, surveyIdParam } from './surveys-service';

/** POST /v1/admin/surveys/{surveyId}/versions — a draft (no `version`) → 201 with the number it was published as. */
export const handler = adminHandler(async (event, admin) => {
  const surveyId = surveyIdParam(event);
  const draft = parseStrictBody(event, ZSurveyDraft);
  return json(201, ZSurveyPublished.parse(await publishSurvey(admin, surveyId, draft)));
});
