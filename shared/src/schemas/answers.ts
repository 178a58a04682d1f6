import * as z from 'zod/mini';
import { COMMENT_MAX_LENGTH, type SurveyDefinition } from './survey';
import { npsBand } from '../scoring';

/** The answers as they cross the wire, before the survey version is known. */
export const ZAnswers = z.strictObject({
  nps: z.number().check(z.int(), z.minimum(0), z.maximum(10)),
  csat: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
  ces: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(7))),
  reasons: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(12))),
  comment: z.optional(z.string().check(z.maxLength(COMMENT_MAX_LENGTH))),
});
export type Answers = z.infer<typeof ZAnswers>;

export interface AnswerIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks answers against the survey version an invitation was made for:
 * reasons must be offered for the score's band, required questions answered,
 * questions the survey does not ask left out. Pure, used by client and server.
 */
export function answerIssues(survey: SurveyDefinition, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const band = npsBand(answers.nps);
  const offered = new Set(survey.reasons[band].map((r) => r.id));
  const seen = new Set<string>();
  (answers.reasons ?? []).forEach((reason, i) => {
    if (!offered.has(reason)) issues.push({ path: ['reasons', i], message: `"${reason}" is not a reason offered for a ${band}` });
    else if (seen.has(reason)) issues.push({ path: ['reasons', i], message: `"${reason}" is given twice` });
    seen.add(reason);
  });
  for (const question of ['csat', 'ces'] as const) {
    const definition = survey[question];
    if (!definition && answers[question] !== undefined) issues.push({ path: [question], message: `this survey does not ask ${question}` });
    if (definition?.required && answers[question] === undefined) issues.push({ path: [question], message: `${question} is required` });
  }
  if (answers.comment !== undefined && answers.comment.length > survey.comment.maxLength) {
    issues.push({ path: ['comment'], message: `at most ${survey.comment.maxLength} characters` });
  }
  return issues;
}
