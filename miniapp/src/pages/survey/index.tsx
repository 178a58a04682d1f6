/**
 * The route `pages/survey/index` (links already sent depend on it): a thin entry over the survey
 * feature in src/survey/.
 */
export { default } from '../../survey/ui/survey-page'
