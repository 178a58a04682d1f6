import {
  decideContact, effectivePolicy, invitationExpiry, type Invitation, type Store, type TriggerRequest, type TriggerResponse,
} from '@xinsheng/shared';
import { blindIndex, encrypt, invitationToken, orderInvitationId, sha256Hex } from '../lib/crypto';
import { badRequest, notFound } from '../lib/errors';
import { getBrand, getLatestSurvey, getStore } from '../data/catalog-repo';
import { logBrand } from '../lib/logger';
import { claimContacts, getInvitation, getOrderState, invitationTtl, putOrderInvitation } from '../data/invitations-repo';
import { countRepeatPurchase } from '../data/insight-events-repo';
import { surveyLink } from '../survey/links';
import { linkTriggerIdentifiers } from '../privacy/person-links';
import { contactIndexPlan, putPersonInvitationEntry } from '../data/privacy-repo';

export interface TriggerOutcome {
  created: boolean;
  body: TriggerResponse;
}

/** The keyed hashes under which a customer is matched for fatigue and opt-outs, across the brand. */
export function customerHashes(customer: TriggerRequest['customer']): string[] {
  return [
    customer.openid && blindIndex('openid', customer.openid),
    customer.unionid && blindIndex('unionid', customer.unionid),
    customer.phone && blindIndex('phone', customer.phone),
  ].filter((h): h is string => Boolean(h));
}

/** What the store is told about an invitation: the same body for the first call and every retry. */
export function triggerResponse(invitation: Invitation): TriggerResponse {
  if (invitation.status === 'suppressed') {
    return { invitationId: invitation.invitationId, status: 'suppressed', reason: invitation.reason };
  }
  const receipt = invitation.channel === 'receipt';
  const url = receipt ? surveyLink(invitationToken(invitation.invitationId)) : undefined;
  return {
    invitationId: invitation.invitationId,
    status: 'scheduled',
    sendAt: invitation.sendAt,
    channel: invitation.channel,
    ...(url ? { surveyUrl: url, qrPayload: url } : {}),
  };
}

async function loadStore(storeId: string): Promise<Store> {
  const store = await getStore(storeId);
  if (!store) throw notFound(`store ${storeId} is not known`);
  return store;
}

/**
 * A store's purchase → one invitation per order: scheduled on a channel, or suppressed with a reason.
 *
 * No transaction. The invitation's id is derived from store + order, so every attempt for one
 * order names the same item and its conditional put is the "one invitation per order" guarantee
 * (no order item). Writes, in this order: the nonce (store-auth, before), the fatigue claim of each
 * identifier (conditional, tagged with this invitation id), the invitation (conditional). A crash
 * after a claim leaves a claim tagged with this id, which the retry recognises as its own; a crash
 * before the invitation put leaves nothing a reader sees (no invitation, nothing due).
 * A returning customer first has the repeat purchase of their earlier answer counted (insight),
 * one transaction guarded on that answer's invitation: a first-time customer pays nothing for it.
 */
export async function createInvitationForTrigger(request: TriggerRequest, now: Date): Promise<TriggerOutcome> {
  const store = await loadStore(request.storeId);
  logBrand(store.brandId);
  const brand = await getBrand(store.brandId);
  if (!brand) throw notFound(`brand ${store.brandId} is not known`);
  const hashes = customerHashes(request.customer);
  // The order's invitation and the customer's contact state in one read (store and brand are cached).
  const { invitation: existing, contact } = await getOrderState(request.storeId, request.orderId, brand.brandId, hashes);
  if (existing) return { created: false, body: triggerResponse(existing) };

  const surveyId = request.surveyId ?? store.surveyId ?? brand.defaultSurveyId;
  // Two or more identifiers: they are one person (links for export, erasure and opt-out), written
  // beside the survey read; an opted-out person's new identifier is opted out as well.
  const [survey] = await Promise.all([
    getLatestSurvey(surveyId),
    linkTriggerIdentifiers(brand.brandId, hashes, contact.links, contact.optedOut, now),
  ]);
  if (!survey || survey.brandId !== brand.brandId) {
    throw badRequest('unknown survey', [{ path: ['body', 'surveyId'], message: `no survey ${surveyId} for this brand` }]);
  }
  // A returning customer's purchase is a repeat of their earlier answer: counted before the answer
  // (exactly once, by a guard on the answered invitation), and before this trigger claims the
  // contact items that name that earlier invitation.
  for (const earlier of contact.earlierSurveys) await countRepeatPurchase(brand.brandId, earlier, request.occurredAt);
  const policy = effectivePolicy(brand.policy, store.policy);
  const receipt = request.channel === 'receipt';
  const invitationId = orderInvitationId(request.storeId, request.orderId);

  for (let attempt = 0; attempt < 2; attempt++) {
    const decision = decideContact({
      receipt,
      hasOpenid: Boolean(request.customer.openid),
      hasPhone: Boolean(request.customer.phone),
      optedOut: contact.optedOut,
      // A lost race for the fatigue window (attempt 1) means someone surveyed this customer just now.
      lastSurveyedAt: attempt === 0 ? contact.lastSurveyedAt : now,
      occurredAt: new Date(request.occurredAt),
      now,
      timeZone: store.timeZone,
      policy,
    });
    // A receipt invitation is answered by whoever holds the receipt, so it is not bound to an openid.
    const bindOpenid = request.customer.openid && !receipt ? request.customer.openid : undefined;
    const invitation: Invitation = {
      invitationId,
      brandId: brand.brandId,
      storeId: store.storeId,
      orderId: request.orderId,
      region: store.region,
      touchpoint: request.touchpoint,
      occurredAt: request.occurredAt,
      staffId: request.staffId,
      amountFen: request.amountFen,
      surveyId: survey.surveyId,
      surveyVersion: survey.version,
      createdAt: now.toISOString(),
      expiresAt: invitationExpiry(now, policy).toISOString(),
      deliveries: [],
      kind: 'survey',
      ...(decision.status === 'suppressed'
        ? // Never sent nor answered: it keeps the order's answer for the store's retries and no
          // identifier (born as an erased invitation is left), so it is nobody's record to index.
          { status: 'suppressed', reason: decision.reason, customerHashes: [] }
        : {
            status: receipt ? 'sent' : 'scheduled',
            customerHashes: hashes,
            channel: decision.channel,
            sendAt: decision.sendAt.toISOString(),
            tokenHash: sha256Hex(invitationToken(invitationId)),
            openidHash: bindOpenid && blindIndex('openid', bindOpenid),
            openidSealed: bindOpenid && encrypt(bindOpenid),
            phoneSealed: request.customer.phone && encrypt(request.customer.phone),
            deliveries: receipt ? [{ channel: 'receipt', at: now.toISOString(), ok: true }] : [],
          }),
    };
    const claimsWindow = invitation.status !== 'suppressed' && policy.fatigueDays > 0 && hashes.length > 0;
    // The person index (export, erasure): recorded by the contact claims at no extra unit, or —
    // no claim (no fatigue window) or a contact's set full — a PINV item, one unit, before the invitation.
    const index = claimsWindow ? contactIndexPlan(contact.personIndex, hashes, invitationId, invitationTtl(invitation), now) : undefined;
    if (claimsWindow && !(await claimContacts(brand.brandId, hashes, invitationId, policy.fatigueDays, now, new Date(invitation.expiresAt), index))) continue;
    if (!index?.inContacts) await putPersonInvitationEntry(invitation, invitationTtl(invitation));
    if (await putOrderInvitation(invitation)) return { created: true, body: triggerResponse(invitation) };
    // The same order won meanwhile (a retry or a duplicate sent at once): its body, unchanged.
    const winner = await getInvitation(invitationId, true);
    if (winner) return { created: false, body: triggerResponse(winner) };
  }
  throw new Error('could not settle the invitation after a fatigue race');
}
