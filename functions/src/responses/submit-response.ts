import { newId } from '../lib/ids';
import {
  answerIssues, consumerFollowUp, npsBand, zonedDay,
  type ConsumerSession, type Invitation, type ResponseCreated, type ResponseRecord, type ResponseRequest,
} from '@xinsheng/shared';
import { badRequest, conflict, gone, notFound } from '../lib/errors';
import { getStore, getSurveyVersion } from '../data/catalog-repo';
import { getResponseForInvitation, putResponse } from '../data/responses-repo';
import { getFollowUpPolicy } from '../data/tasks-repo';
import { isExpired } from '../survey/invitation-access';

export interface SubmitOutcome {
  created: boolean;
  body: ResponseCreated;
}

const sameAnswer = (stored: ResponseRecord, request: ResponseRequest) => stored.clientResponseId === request.clientResponseId;

/** An already-stored answer: the same submission again gets the same body, any other a 409. */
function replay(stored: ResponseRecord, request: ResponseRequest): SubmitOutcome {
  if (!sameAnswer(stored, request)) throw conflict('this invitation has been answered already');
  return { created: false, body: { responseId: stored.responseId, followUp: stored.followUp } };
}

/**
 * A consumer's answer → exactly one stored response per invitation, validated against the survey
 * version the invitation was made for (opened by the caller for this session). Retries with the
 * same clientResponseId are harmless.
 *
 * One write: a conditional put of the response keyed on its invitation. Whether the invitation is
 * answered is read from the responses table (the response's existence is the truth), so there is
 * no second item to keep in step and no crash window between two writes. The invitation's expiry
 * never changes, so checking it on the item read here is exact.
 */
export async function submitResponse(request: ResponseRequest, invitation: Invitation, session: ConsumerSession, now: Date): Promise<SubmitOutcome> {
  // Invitations answered before responses stopped marking them still carry the mark: replay at once.
  if (invitation.answeredAt || isExpired(invitation, now)) {
    const existing = await getResponseForInvitation(invitation.invitationId);
    if (existing) return replay(existing, request);
    if (isExpired(invitation, now)) throw gone('this survey has expired');
  }

  const [survey, store, policy] = await Promise.all([
    getSurveyVersion(invitation.surveyId, invitation.surveyVersion),
    getStore(invitation.storeId),
    getFollowUpPolicy(invitation.brandId),
  ]);
  if (!survey || !store) throw notFound('the survey of this invitation is no longer available');
  const issues = answerIssues(survey, request.answers);
  if (issues.length) throw badRequest('the answers do not fit this survey', issues.map((i) => ({ ...i, path: ['body', 'answers', ...i.path] })));

  const response: ResponseRecord = {
    responseId: newId(now.getTime()),
    invitationId: invitation.invitationId,
    clientResponseId: request.clientResponseId,
    brandId: invitation.brandId,
    storeId: invitation.storeId,
    region: invitation.region,
    staffId: invitation.staffId,
    orderId: invitation.orderId,
    touchpoint: invitation.touchpoint,
    surveyId: survey.surveyId,
    surveyVersion: survey.version,
    answers: request.answers,
    band: npsBand(request.answers.nps),
    locale: request.locale,
    submittedAt: now.toISOString(),
    day: zonedDay(now, store.timeZone),
    timeZone: store.timeZone,
    openidHash: session.openidHash,
    phoneSealed: invitation.phoneSealed,
    kind: invitation.kind,
    taskId: invitation.taskId,
    // The brand's SLA, the same hours its callback task will be due in (planTask).
    followUp: consumerFollowUp(request.answers, policy),
    // What the aggregates need that only the invitation knows; the stream then carries it all.
    amountFen: invitation.amountFen,
    channel: invitation.channel,
    customerHash: invitation.customerHashes[0],
  };
  if (await putResponse(response, now)) return { created: true, body: { responseId: response.responseId, followUp: response.followUp } };
  // Another submission won the conditional put: the same one (a retry) gets its body, any other a 409.
  const winner = await getResponseForInvitation(invitation.invitationId);
  if (!winner) throw conflict('this invitation has been answered already');
  return replay(winner, request);
}
