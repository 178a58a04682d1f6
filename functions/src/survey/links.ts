import { config } from '../lib/config';

/** The mini-program page a survey opens on; the same path in weapp and in the h5 build. */
export const SURVEY_PAGE = 'pages/survey/index';

export function surveyPagePath(token: string): string {
  return `${SURVEY_PAGE}?inv=${encodeURIComponent(token)}`;
}

/** The h5 address of a survey (receipts, QR codes, desktop). */
export function surveyLink(token: string): string {
  return `${config.XS_H5_BASE_URL}/#/${surveyPagePath(token)}`;
}
