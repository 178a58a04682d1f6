import type { ScheduledEvent } from 'aws-lambda';
import { zonedDay, type Channel, type Delivery, type Invitation } from '@xinsheng/shared';
import { config } from '../lib/config';
import { decrypt, invitationToken } from '../lib/crypto';
import { logger, withLogContext } from '../lib/logger';
import { getBrand, getStore } from '../data/catalog-repo';
import { claimForSending, queryDueInvitations, recordFailedDelivery } from '../data/invitations-repo';
import { recordSent } from '../data/insight-events-repo';
import { SURVEY_PAGE, surveyPagePath } from '../survey/links';
import { smsSender, type SmsSender } from '../channels/sms';
import { wechatClient, type WeChatClient } from '../channels/wechat/client';
import { isSubscriptionRefused, wechatErrcode } from '../channels/wechat/errors';
import { surveyInvitationData } from '../channels/wechat/template-data';

export interface DispatchDeps {
  wechat: Pick<WeChatClient, 'sendSubscribeMessage' | 'generateUrlLink'>;
  sms: SmsSender;
}

export interface DispatchSummary {
  due: number;
  claimed: number;
  sent: number;
  failed: number;
}

const DAY_MS = 86_400_000;

/** What a delivery record keeps of a failure: the start of its message. */
const failureDetail = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/**
 * Channel 1, the subscribe message; on any failure of it (43101: the customer has no quota left),
 * channel 2, an SMS with a URL link, when we have a phone number.
 */
type DeliveryResult =
  /** `channel`: the one that carried it; `day`: the store-local day it was sent on (its insight count's). */
  | { ok: true; deliveries: Delivery[]; channel: Channel; day: string }
  | { ok: false; deliveries: Delivery[] };

async function deliver(invitation: Invitation, now: Date, deps: DispatchDeps): Promise<DeliveryResult> {
  const store = await getStore(invitation.storeId);
  if (!store) return { ok: false, deliveries: [{ channel: invitation.channel ?? 'sms', at: now.toISOString(), ok: false, detail: 'store gone' }] };
  const token = invitationToken(invitation.invitationId);
  const deliveries: Delivery[] = [];

  if (invitation.channel === 'subscribe_message' && invitation.openidSealed) {
    try {
      await deps.wechat.sendSubscribeMessage({
        touser: decrypt(invitation.openidSealed),
        template_id: config.XS_SUBSCRIBE_TEMPLATE_ID,
        page: surveyPagePath(token),
        data: surveyInvitationData({ storeName: store.name, occurredAt: invitation.occurredAt, timeZone: store.timeZone }),
        // miniprogram_state (from XS_WXA_ENV_VERSION) and lang zh_CN are the client's defaults
      });
      return { ok: true, deliveries: [{ channel: 'subscribe_message', at: now.toISOString(), ok: true }], channel: 'subscribe_message', day: zonedDay(now, store.timeZone) };
    } catch (error) {
      const errcode = wechatErrcode(error);
      const refused = isSubscriptionRefused(error);
      deliveries.push({ channel: 'subscribe_message', at: now.toISOString(), ok: false, errcode, detail: refused ? 'no subscription quota' : failureDetail(error) });
      if (!refused) logger.warn('subscribe message failed', { invitationId: invitation.invitationId, errcode });
    }
  }

  if (invitation.phoneSealed) {
    try {
      const brand = await getBrand(invitation.brandId);
      const daysLeft = Math.max(1, Math.min(30, Math.floor((Date.parse(invitation.expiresAt) - now.getTime()) / DAY_MS)));
      const link = await deps.wechat.generateUrlLink({ path: SURVEY_PAGE, query: `inv=${token}`, expireIntervalDays: daysLeft, envVersion: config.XS_WXA_ENV_VERSION });
      await deps.sms.send(decrypt(invitation.phoneSealed), `【${brand?.name ?? store.name}】感谢您光临${store.name}，邀请您用 30 秒评价本次购物：${link} 回T退订`);
      deliveries.push({ channel: 'sms', at: now.toISOString(), ok: true });
      return { ok: true, deliveries, channel: 'sms', day: zonedDay(now, store.timeZone) };
    } catch (error) {
      const errcode = wechatErrcode(error);
      deliveries.push({ channel: 'sms', at: now.toISOString(), ok: false, errcode, detail: failureDetail(error) });
      logger.warn('sms invitation failed', { invitationId: invitation.invitationId, errcode });
    }
  }
  return { ok: false, deliveries };
}

/**
 * Sends every invitation whose time has come. Each is claimed with a conditional write before it
 * is sent, so overlapping runs send it at most once; a crash after the claim loses the message
 * rather than sending it twice (the invitation stays "sending", visible for follow-up). Its move
 * from "sending" to "sent" is conditional and carries the insight "sent" count in the same
 * transaction, so every sent invitation is counted once, on the store-local day it was sent.
 */
export async function sendDueInvitations(now: Date, deps: DispatchDeps, concurrency = 8): Promise<DispatchSummary> {
  const due = await queryDueInvitations(now);
  const summary: DispatchSummary = { due: due.length, claimed: 0, sent: 0, failed: 0 };
  const queue = [...due];
  const worker = async () => {
    for (let invitation = queue.shift(); invitation; invitation = queue.shift()) {
      if (!(await claimForSending(invitation.invitationId))) continue;
      summary.claimed++;
      const result = await deliver(invitation, now, deps);
      if (result.ok) {
        // sending → sent and its insight count, in one transaction.
        await recordSent(invitation, result.channel, result.deliveries, result.day);
        summary.sent++;
      } else {
        await recordFailedDelivery(invitation.invitationId, result.deliveries);
        summary.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summary;
}

/** The dispatch schedule (every minute). The event's time is when the schedule fired. */
export const handler = withLogContext(async (event: Pick<ScheduledEvent, 'time'>): Promise<DispatchSummary> => {
  const now = event.time ? new Date(event.time) : new Date();
  const summary = await sendDueInvitations(now, { wechat: wechatClient(), sms: smsSender() });
  if (summary.due) logger.info('dispatch', { ...summary });
  return summary;
});
