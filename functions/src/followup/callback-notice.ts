import type { CallbackGrant, Task, TimelineEntry } from '@xinsheng/shared';
import { decrypt, invitationToken } from '../lib/crypto';
import { logger } from '../lib/logger';
import { getStore } from '../data/catalog-repo';
import { getTask } from '../data/tasks-repo';
import { getGrant, noteOnTask, settleGrant, spendGrant, type GrantOutcome } from '../data/callback-notice-repo';
import { surveyPagePath } from '../survey/links';
import { callbackNoticeData } from '../channels/wechat/template-data';
import { WeChatApiError } from '../channels/wechat/errors';
import { WECHAT_ERRCODE } from '../channels/wechat/errcodes';
import type { SubscribeMessage } from '../channels/wechat/client';

/**
 * The callback notice: a detractor who granted the callback template gets ONE WeChat subscribe
 * message when the agent first reaches them or resolves the task, whichever comes first.
 *
 * Once, by construction: the grant is spent (granted → sending, a conditional write) before the
 * message goes out, so a duplicate stream record, a second consumer or a retry finds it spent and
 * sends nothing. After the send:
 * - sent → `sent`, with WeChat's msgid;
 * - 43101 (the user has no subscription left at WeChat) → `refused`: spent, recorded, never retried;
 * - WeChat busy (-1, 45009, 45011), after the client's own back-off → the grant goes back to
 *   `granted` for another round (its own stream record starts it), at most MAX_SEND_ROUNDS rounds,
 *   then `failed`;
 * - no answer at all (timeout, network, HTTP status) → `failed`: the message may have been delivered,
 *   and a grant allows one, so it is never sent again;
 * - anything else (47003, a template error) → `failed`: a retry would fail the same way.
 * Every settled outcome is a `customer_notified` line on the task's timeline. A crash between the
 * spend and the settle leaves the grant `sending`: at most once, never twice.
 */

export const MAX_SEND_ROUNDS = 3;

/** What sends a subscribe message (the WeChat client; `wechatClient()` in production). */
export interface SubscribeMessageSender {
  sendSubscribeMessage(message: SubscribeMessage): Promise<{ msgid?: string }>;
}

export interface CallbackNoticeDeps {
  wechat: SubscribeMessageSender;
  now: () => Date;
}

export type NoticeTrigger = { trigger: 'reached' | 'resolved'; at: string };

/** The task event the notice is about: the first reached attempt or the resolve, whichever came first; none yet → undefined. */
export function noticeTrigger(task: Pick<Task, 'firstContactAt' | 'status' | 'resolvedAt'>): NoticeTrigger | undefined {
  const reached = task.firstContactAt;
  const resolved = task.status === 'resolved' ? task.resolvedAt : undefined;
  if (reached && (!resolved || reached <= resolved)) return { trigger: 'reached', at: reached };
  if (resolved) return { trigger: 'resolved', at: resolved };
  return undefined;
}

/** What the message says about the event (WeChat's phrase: at most 5 Chinese characters; thing: at most 20). */
export function noticeWording(task: Pick<Task, 'outcome'>, trigger: NoticeTrigger['trigger']): { status: string; note: string } {
  if (trigger === 'reached') return { status: '已回电', note: '门店已与您电话沟通' };
  if (task.outcome === 'unreachable') return { status: '已处理', note: '多次致电未能联系上您' };
  return { status: '已处理', note: '您的反馈已处理完毕' };
}

/** The page the message opens: the survey's thank-you for this invitation, told it came from the notice. */
export const noticePagePath = (invitationId: string) => `${surveyPagePath(invitationToken(invitationId))}&from=notice`;

/** A failed send → what becomes of the spent grant (see the module comment). */
export function outcomeOfFailure(error: unknown, roundsTried: number): GrantOutcome {
  if (!(error instanceof WeChatApiError)) return { state: 'failed', error: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
  const details = { errcode: error.errcode, error: `${error.errcode} ${error.errmsg}`.slice(0, 200) };
  if (error.errcode === WECHAT_ERRCODE.USER_REFUSED) return { state: 'refused', ...details };
  if (error.busy && !error.transport && roundsTried < MAX_SEND_ROUNDS) return { state: 'granted', ...details };
  return { state: 'failed', ...details };
}

export type NoticeResult = 'no_grant' | 'waiting' | 'spent_elsewhere' | 'sent' | 'refused' | 'failed' | 'retry';

/**
 * Sends the answer's callback notice if its grant is there to spend and its task's event has
 * happened; otherwise does nothing (the other record — the grant's or the task's — will come).
 * Throws only before anything was sent (a read or the spend failed): a retry is then safe.
 */
export async function sendCallbackNotice(responseId: string, deps: CallbackNoticeDeps): Promise<NoticeResult> {
  // The grant first: most tasks have none, and then one read is all a task change costs.
  const grant = await getGrant(responseId);
  if (!grant || grant.state !== 'granted') return 'no_grant';
  const task = await getTask(responseId, true);
  const event = task && noticeTrigger(task);
  if (!task || !event) return 'waiting';
  const spent = await spendGrant(grant, event.trigger, deps.now());
  if (!spent) return 'spent_elsewhere';

  let outcome: GrantOutcome;
  try {
    const message = await noticeMessage(task, spent, event);
    const { msgid } = await deps.wechat.sendSubscribeMessage(message);
    outcome = { state: 'sent', ...(msgid ? { msgid } : {}) };
  } catch (error) {
    outcome = outcomeOfFailure(error, spent.attempts);
  }
  try {
    await settleGrant(responseId, outcome, deps.now());
    if (outcome.state !== 'granted') await noteOnTask(task.taskId, timelineEntry(outcome, event, deps.now()));
  } catch (error) {
    // Sent (or not) already: never throw now, or a retry would find the grant spent and the record lost anyway.
    logger.warn('callback notice outcome not recorded', { taskId: task.taskId, state: outcome.state, error: error as Error });
  }
  if (outcome.state === 'granted') logger.info('callback notice: WeChat busy, another round', { taskId: task.taskId, round: spent.attempts });
  return outcome.state === 'granted' ? 'retry' : outcome.state;
}

async function noticeMessage(task: Task, grant: CallbackGrant, event: NoticeTrigger): Promise<SubscribeMessage> {
  const store = await getStore(task.storeId);
  const wording = noticeWording(task, event.trigger);
  return {
    touser: decrypt(grant.openidSealed),
    template_id: grant.templateId,
    page: noticePagePath(task.invitationId),
    data: callbackNoticeData({ storeName: store?.name ?? task.storeId, status: wording.status, note: wording.note, at: event.at, timeZone: task.timeZone }),
  };
}

function timelineEntry(outcome: GrantOutcome, event: NoticeTrigger, now: Date): TimelineEntry {
  return {
    type: 'customer_notified',
    at: now.toISOString(),
    trigger: event.trigger,
    ok: outcome.state === 'sent',
    ...(outcome.errcode !== undefined ? { errcode: outcome.errcode } : {}),
    ...(outcome.state !== 'sent' && outcome.error ? { error: outcome.error } : {}),
  };
}
