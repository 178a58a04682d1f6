/**
 * The demo brand's past, planned (no I/O): 90 days of invitations, answers with Chinese comments,
 * callback tasks in their final states, recovery re-surveys and repeat purchases, from a seeded PRNG
 * and a fixed anchor time — the same plan on every run, so a rerun after a crash writes exactly the
 * items the first run meant to write (and the conditional puts refuse those already there).
 *
 * Each store follows its own story (DEMO_STORY): one steady, one improving, one flat, and 深圳南山店
 * sinking from about +40 to about −10 over the last four weeks, its detractors complaining of the
 * queue and the checkout. Staff differ (one of each pair does better), delivery scores lower,
 * promoters come back more often than detractors.
 */
import { ulid } from 'ulidx';
import {
  addDays, consumerFollowUp, firstContactBucket, needsCallback, npsBand, zonedDay, zonedInstant,
  type Answers, type Channel, type FollowUpPolicy, type Invitation, type ResponseRecord, type ResolveOutcome, type ScoreBand,
  type Store, type SurveyDefinition, type Task, type TimelineEntry, type Touchpoint,
} from '@xinsheng/shared';
import { blindIndex, encrypt, orderInvitationId, sha256Hex, invitationToken } from '../src/lib/crypto';
import { taskFromResponse } from '../src/followup/create-callback-task';
import { planTask, raisedPriority, supervisorQueue } from '../src/followup/routing';
import { composeComment, themesWithPhrases, type DemoTheme } from './demo-comments';
import { prng } from './prng';

export const HISTORY_DAYS = 90;
/** The last weeks, where 深圳南山店's story turns. */
export const RECENT_DAYS = 28;

/** A store's NPS over the history (−1…1), by day index 0 (oldest) … days − 1 (yesterday). */
export interface StoreStory {
  nps: (dayIndex: number, days: number) => number;
  /** Invitations on an ordinary weekday. */
  volume: number;
  /** Detractors' theme weights multiplied from this day index on (the cause of a decline). */
  complaints?: { fromDay: (days: number) => number; weights: Partial<Record<DemoTheme, number>>; contactSlowdown: number };
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * Math.min(1, Math.max(0, t));

/** The demo stores' stories, by the demo store id (a copy of the brand maps its stores onto these). */
export const DEMO_STORY: Record<string, StoreStory> = {
  // 上海南京西路店: the flagship, high and steady, a little better over time.
  'sh-001': { nps: (i, n) => lerp(0.44, 0.52, i / n), volume: 36 },
  // 杭州西湖店: a new manager, improving from about +5 to +45.
  'hz-001': { nps: (i, n) => lerp(0.05, 0.45, i / n), volume: 26 },
  // 广州天河店: flat around +25.
  'gz-001': { nps: () => 0.25, volume: 30 },
  // 深圳南山店: +40 until four weeks ago, then a staff shortage: sinks to −10 within ten days and stays there.
  'sz-001': {
    nps: (i, n) => (i < n - RECENT_DAYS ? 0.4 : lerp(0.4, -0.1, (i - (n - RECENT_DAYS)) / 10)),
    volume: 32,
    complaints: { fromDay: (n) => n - RECENT_DAYS, weights: { waiting_time: 7, checkout: 6 }, contactSlowdown: 2.5 },
  },
};

export interface HistoryInput {
  brandId: string;
  stores: readonly { store: Store; story: StoreStory }[];
  survey: SurveyDefinition;
  /** The recovery re-survey (policy.recoverySurveyId's definition). */
  recoverySurvey?: SurveyDefinition;
  policy: FollowUpPolicy;
  /** The history's "now": its last day is the day before, in each store's time zone. */
  anchor: Date;
  seed: number;
  days?: number;
  /** Scales every store's volume (a test seeds a smaller copy). */
  volumeScale?: number;
}

export interface PlannedTask {
  task: Task;
  /** The re-survey invitation, when the resolved task was re-surveyed. */
  recoveryInvitation?: Invitation;
  /** Its answer, when the customer answered (written to the responses table after the first surveys). */
  recoveryResponse?: ResponseRecord;
}

export interface PlannedStoreDay {
  storeId: string;
  day: string;
  invitations: Invitation[];
  responses: ResponseRecord[];
  tasks: PlannedTask[];
}

export interface PlannedRepeat {
  invitationId: string;
  occurredAt: string;
}

export interface HistoryPlan {
  from: string;
  to: string;
  storeDays: PlannedStoreDay[];
  repeats: PlannedRepeat[];
}


class Dice {
  constructor(readonly next: () => number) {}
  chance = (p: number) => this.next() < p;
  int = (min: number, max: number) => min + Math.floor(this.next() * (max - min + 1));
  pick = <T>(items: readonly T[]): T => items[Math.floor(this.next() * items.length)];
  weighted<T extends string>(weights: Partial<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1][0];
  }
  /** Log-normal around a median (minutes, hours …), spread as a factor (≈ 68 % within median ÷/× spread). */
  logNormal(median: number, spread: number): number {
    const u = Math.max(1e-9, this.next());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(z * Math.log(spread));
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const TOUCHPOINTS: Partial<Record<Touchpoint, number>> = { purchase: 62, pickup: 10, online: 12, delivery: 12, service: 4 };
const TOUCHPOINT_NPS: Partial<Record<Touchpoint, number>> = { delivery: -0.12, online: 0.03, service: -0.05 };
const CHANNELS: Record<'store' | 'remote', Partial<Record<Channel, number>>> = {
  store: { receipt: 55, subscribe_message: 35, sms: 10 },
  remote: { subscribe_message: 70, sms: 30 },
};
/** Chance an invitation is opened, and answered once opened: response rates of about 20–40 %. */
const OPENED: Record<Channel, number> = { subscribe_message: 0.55, sms: 0.42, receipt: 1 };
const ANSWERED: Record<Channel, number> = { subscribe_message: 0.6, sms: 0.55, receipt: 0.32 };
/** A receipt is scanned (opened) by some customers only; unscanned receipts count nothing at all. */
const RECEIPT_SCANNED = 0.8;

const DETRACTOR_SCORES = { 0: 3, 1: 2, 2: 3, 3: 5, 4: 8, 5: 14, 6: 18 };

/** Which survey reason a theme a customer speaks of is, per band (the demo survey's reason ids). */
const REASON_OF: Record<ScoreBand, Partial<Record<DemoTheme, string>>> = {
  detractor: {
    waiting_time: 'long_wait', checkout: 'long_wait', staff_attitude: 'staff_attitude', staff_expertise: 'staff_attitude',
    stock_range: 'out_of_stock', product_quality: 'product_quality', taste: 'product_quality', price_promotion: 'price',
    cleanliness: 'store_cleanliness', environment: 'store_cleanliness',
  },
  passive: { waiting_time: 'long_wait', checkout: 'long_wait', stock_range: 'product_range', price_promotion: 'price', staff_attitude: 'staff_helpfulness', staff_expertise: 'staff_helpfulness' },
  promoter: {
    staff_attitude: 'friendly_staff', staff_expertise: 'friendly_staff', waiting_time: 'fast_checkout', checkout: 'fast_checkout',
    product_quality: 'product_quality', taste: 'product_quality', cleanliness: 'clean_store', environment: 'clean_store',
  },
};

const BASE_THEMES: Record<ScoreBand, Partial<Record<DemoTheme, number>>> = {
  detractor: { waiting_time: 3, checkout: 2, staff_attitude: 3, staff_expertise: 1, product_quality: 2, stock_range: 2, cleanliness: 1.5, price_promotion: 1.5, environment: 0.6, membership: 0.4, taste: 1 },
  passive: { waiting_time: 2, checkout: 1, stock_range: 2.5, price_promotion: 2.5, staff_attitude: 1, staff_expertise: 0.6, product_quality: 1, cleanliness: 0.6, environment: 0.6, membership: 0.5, taste: 1 },
  promoter: { staff_attitude: 4, waiting_time: 1.5, checkout: 1.5, cleanliness: 2, product_quality: 1.5, price_promotion: 1.5, stock_range: 1, staff_expertise: 0.8, environment: 0.7, membership: 0.7, taste: 1.5 },
};
const TOUCHPOINT_THEMES: Partial<Record<Touchpoint, Partial<Record<DemoTheme, number>>>> = {
  delivery: { delivery: 8, packaging: 3 },
  online: { app_payment: 5, delivery: 1 },
  pickup: { app_payment: 2, packaging: 1.5 },
};

const ROOT_CAUSES: Partial<Record<DemoTheme, string>> = {
  waiting_time: '高峰期人手不足', checkout: '收银台开放不足', staff_attitude: '店员服务意识', staff_expertise: '店员培训不足',
  product_quality: '鲜食效期管理', stock_range: '补货不及时', cleanliness: '清洁排班', price_promotion: '促销规则说明不清',
  delivery: '配送运力不足', packaging: '打包规范', app_payment: '支付系统故障', environment: '门店设施', membership: '会员系统', taste: '产品口味',
};

interface Customer {
  index: number;
  phone: string;
  hashes: string[];
}

const customers = new Map<string, Customer>();

/** A store's customer (cached: the keyed hash is computed once per customer). */
function customerOf(storeId: string, index: number): Customer {
  const id = `${storeId}:${index}`;
  const known = customers.get(id);
  if (known) return known;
  const customer = newCustomer(storeId, index);
  customers.set(id, customer);
  return customer;
}

function newCustomer(storeId: string, index: number): Customer {
  // A mainland mobile number per (store, customer): the keyed hash is what the trigger would store.
  const digits = String(Math.abs(hashString(`${storeId}:${index}`)) % 100_000_000).padStart(8, '0');
  const phone = `13${index % 10}${digits}`;
  return { index, phone, hashes: [blindIndex('phone', phone)] };
}

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The instant a store-local day starts. */
function dayStart(day: string, timeZone: string): number {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return zonedInstant({ year, month, day: dayOfMonth, hour: 0, minute: 0 }, timeZone).getTime();
}

const iso = (d: Date) => d.toISOString();

/** The whole history of the given stores, deterministic for (seed, anchor, stores). */
export function planHistory(input: HistoryInput): HistoryPlan {
  const days = input.days ?? HISTORY_DAYS;
  const dice = new Dice(prng(input.seed));
  const anchorMs = input.anchor.getTime();
  const storeDays: PlannedStoreDay[] = [];
  const repeats: PlannedRepeat[] = [];
  let from = '9999-12-31';
  let to = '0000-01-01';

  for (const { store, story } of input.stores) {
    const today = zonedDay(input.anchor, store.timeZone);
    const lastDay = addDays(today, -1);
    const firstDay = addDays(lastDay, -(days - 1));
    if (firstDay < from) from = firstDay;
    // An invitation of the last evening may be answered this morning, before the anchor.
    if (today > to) to = today;
    const staffIds: (string | undefined)[] = store.staffIds.length ? [...store.staffIds] : [undefined];
    // One of each pair is the stronger: staff differ, and visibly so.
    const staffOffset = (staffId: string | undefined) => (staffId === undefined ? 0 : staffIds.indexOf(staffId) % 2 === 0 ? 0.09 : -0.09);
    const complaintsFrom = story.complaints?.fromDay(days) ?? Infinity;

    for (let dayIndex = 0; dayIndex < days; dayIndex++) {
      const day = addDays(firstDay, dayIndex);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const volume = Math.round((input.volumeScale ?? 1) * story.volume * (weekday === 0 || weekday === 6 ? 1.3 : 1) * (0.8 + 0.4 * dice.next()));
      const planned: PlannedStoreDay = { storeId: store.storeId, day, invitations: [], responses: [], tasks: [] };
      const inDecline = dayIndex >= complaintsFrom;
      const start = dayStart(day, store.timeZone);

      for (let i = 0; i < volume; i++) {
        const orderId = `H${day.replace(/-/g, '')}-${String(i).padStart(3, '0')}`;
        const invitationId = orderInvitationId(store.storeId, orderId);
        const touchpoint = dice.weighted(TOUCHPOINTS);
        const staffId = touchpoint === 'purchase' || touchpoint === 'service' || touchpoint === 'pickup' ? dice.pick(staffIds) : undefined;
        const channel = dice.weighted(CHANNELS[touchpoint === 'purchase' || touchpoint === 'service' ? 'store' : 'remote']);
        // Open 7:00–22:00, busier at lunch and after work.
        const minute = dice.chance(0.5) ? dice.int(7 * 60, 22 * 60) : dice.chance(0.5) ? dice.int(11 * 60 + 30, 13 * 60 + 30) : dice.int(17 * 60 + 30, 20 * 60);
        const occurredAt = new Date(start + minute * MINUTE);
        const amountFen = Math.round(Math.min(150_000, Math.max(300, dice.logNormal(touchpoint === 'delivery' || touchpoint === 'online' ? 7_500 : 4_200, 2))) / 10) * 10;
        const identified = dice.chance(channel === 'receipt' ? 0.55 : 0.9);
        const customer = customerOf(store.storeId, dice.int(0, Math.max(200, story.volume * 25)));
        const sentAt = channel === 'receipt' ? occurredAt : new Date(occurredAt.getTime() + dice.int(30, 120) * MINUTE);
        const opened = (channel !== 'receipt' || dice.chance(RECEIPT_SCANNED)) && dice.chance(OPENED[channel]);
        const openedAt = new Date(sentAt.getTime() + (channel === 'receipt' ? dice.int(1, 90) : dice.int(2, 240)) * MINUTE);
        const answered = opened && dice.chance(ANSWERED[channel]);
        const submittedAt = new Date(openedAt.getTime() + dice.int(1, 6) * MINUTE);
        if (sentAt.getTime() >= anchorMs) continue;

        const invitation: Invitation = {
          invitationId,
          brandId: input.brandId,
          storeId: store.storeId,
          orderId,
          region: store.region,
          touchpoint,
          occurredAt: iso(occurredAt),
          ...(staffId ? { staffId } : {}),
          amountFen,
          surveyId: input.survey.surveyId,
          surveyVersion: input.survey.version,
          createdAt: iso(occurredAt),
          expiresAt: iso(new Date(occurredAt.getTime() + 7 * DAY)),
          customerHashes: identified ? customer.hashes : [],
          kind: 'survey',
          status: 'sent',
          channel,
          sendAt: iso(sentAt),
          tokenHash: sha256Hex(invitationToken(invitationId)),
          deliveries: [{ channel, at: iso(sentAt), ok: true }],
          ...(opened && openedAt.getTime() < anchorMs ? { openedAt: iso(openedAt) } : {}),
        };
        planned.invitations.push(invitation);
        if (!answered || submittedAt.getTime() >= anchorMs) continue;

        // The answer: the store's story that day, the staff member, the touchpoint, a little noise.
        const target = story.nps(dayIndex, days) + staffOffset(staffId) + (TOUCHPOINT_NPS[touchpoint] ?? 0) + (dice.next() - 0.5) * 0.1;
        const passive = 0.24;
        const s = Math.min(0.74, Math.max(-0.74, target));
        const band: ScoreBand = dice.weighted({ promoter: (1 - passive + s) / 2, passive, detractor: (1 - passive - s) / 2 });
        const nps = band === 'promoter' ? (dice.chance(0.58) ? 10 : 9) : band === 'passive' ? (dice.chance(0.45) ? 7 : 8) : Number(dice.weighted(DETRACTOR_SCORES));
        const weights: Partial<Record<DemoTheme, number>> = { ...BASE_THEMES[band], ...(TOUCHPOINT_THEMES[touchpoint] ?? {}) };
        if (band === 'detractor' && inDecline && story.complaints) {
          for (const [theme, factor] of Object.entries(story.complaints.weights) as [DemoTheme, number][]) weights[theme] = (weights[theme] ?? 1) * factor;
        }
        const available = new Set(themesWithPhrases(band));
        for (const theme of Object.keys(weights) as DemoTheme[]) if (!available.has(theme)) delete weights[theme];
        const drivers: DemoTheme[] = [dice.weighted(weights)];
        if (dice.chance(0.3)) {
          const second = dice.weighted(weights);
          if (second !== drivers[0]) drivers.push(second);
        }
        const reasons = [...new Set(drivers.map((t) => REASON_OF[band][t]).filter((r): r is string => Boolean(r)))];
        const offered: string[] = input.survey.reasons[band].map((r: { id: string }) => r.id);
        if (!reasons.length && dice.chance(0.5)) reasons.push(dice.pick(offered));
        const comment = dice.chance(band === 'detractor' ? 0.75 : 0.45)
          ? composeComment({ band, themes: dice.chance(0.12) ? [] : drivers, pick: dice.pick, chance: dice.chance })
          : undefined;
        const csat = dice.chance(0.85)
          ? band === 'promoter' ? dice.int(4, 5) : band === 'passive' ? dice.int(3, 4) : dice.int(1, 3)
          : undefined;
        const answers: Answers = {
          nps,
          ...(csat !== undefined && input.survey.csat ? { csat } : {}),
          ...(dice.chance(0.85) && reasons.length ? { reasons: reasons.filter((r) => offered.includes(r)) } : {}),
          ...(comment ? { comment: comment.slice(0, input.survey.comment?.maxLength ?? 500) } : {}),
        };
        const response: ResponseRecord = {
          responseId: ulid(submittedAt.getTime(), dice.next),
          invitationId,
          clientResponseId: `demo-${invitationId}`,
          brandId: input.brandId,
          storeId: store.storeId,
          region: store.region,
          ...(staffId ? { staffId } : {}),
          orderId,
          touchpoint,
          surveyId: input.survey.surveyId,
          surveyVersion: input.survey.version,
          kind: 'survey',
          answers,
          band: npsBand(nps),
          locale: dice.chance(0.96) ? 'zh-CN' : 'en',
          submittedAt: iso(submittedAt),
          day: zonedDay(submittedAt, store.timeZone),
          timeZone: store.timeZone,
          ...(channel !== 'receipt' && identified ? { openidHash: blindIndex('openid', `demo-openid:${store.storeId}:${customer.index}`) } : {}),
          ...(identified ? { phoneSealed: encrypt(customer.phone) } : {}),
          followUp: consumerFollowUp(answers, input.policy),
          amountFen,
          channel,
          ...(identified ? { customerHash: customer.hashes[0] } : {}),
        };
        planned.responses.push(response);

        let recovered = false;
        if (needsCallback(answers)) {
          const planned_ = planCallback(response, drivers[0], input, dice, inDecline ? (story.complaints?.contactSlowdown ?? 1) : 1);
          planned.tasks.push(planned_);
          recovered = planned_.recoveryResponse !== undefined && npsBand(planned_.recoveryResponse.answers.nps) !== 'detractor';
        }

        // Promoters come back more often, and sooner, than detractors; a recovered detractor nearly as often as a passive.
        if (identified) {
          const p = band === 'promoter' ? 0.62 : band === 'passive' ? 0.45 : recovered ? 0.42 : 0.22;
          if (dice.chance(p)) {
            const gap = (band === 'promoter' ? 1 : 1.6) * dice.logNormal(16, 2.2) * DAY;
            const occurred = Math.round(submittedAt.getTime() + Math.max(HOUR, gap));
            if (occurred < anchorMs) repeats.push({ invitationId, occurredAt: iso(new Date(occurred)) });
          }
        }
      }
      storeDays.push(planned);
    }
  }
  return { from, to, storeDays, repeats };
}

const OUTCOMES: Partial<Record<ResolveOutcome, number>> = { resolved: 55, compensated: 24, no_action_needed: 10, unreachable: 11 };

/**
 * A detractor's callback task as the product makes it (taskFromResponse, planTask), then worked to a
 * final state as the anchor finds it: first contact within or beyond the SLA (escalated when beyond),
 * resolved with an outcome, sometimes re-surveyed; recent ones still open or in progress.
 */
function planCallback(response: ResponseRecord, driver: DemoTheme, input: HistoryInput, dice: Dice, slowdown: number): PlannedTask {
  const anchorMs = input.anchor.getTime();
  const base = taskFromResponse(response, planTask(response, input.policy));
  const agent = { staffId: `agent.${response.region}`, role: 'agent' };
  const created = Date.parse(base.createdAt);
  const due = Date.parse(base.dueAt);
  const timeline: TimelineEntry[] = [...base.timeline];
  const task: Task = { ...base, timeline };
  if (base.priority !== 'normal') {
    task.notices = { urgent: { state: 'sent', at: base.createdAt, attempts: 1 } };
    timeline.push({ type: 'notified', at: base.createdAt, kind: 'urgent', ok: true, attempts: 1 });
  }
  // Most first contacts land well within the SLA; one in six or so (more where the store is struggling) after it.
  const late = dice.chance(Math.min(0.7, 0.16 * slowdown));
  const firstContact = Math.round(late
    ? due + dice.logNormal(5, 2.5) * HOUR
    : created + Math.min(due - created, dice.logNormal(base.priority === 'normal' ? 150 : 45, 2.2) * MINUTE * Math.min(slowdown, 1.5)));
  const recent = anchorMs - created < 2 * DAY;
  // Of the last two days' tasks, about half are still waiting in the agents' queue.
  const stillOpen = recent && dice.chance(0.5);
  if (stillOpen || firstContact >= anchorMs) return { task };

  if (firstContact > due) {
    const escalatedAt = iso(new Date(due + MINUTE));
    task.escalated = true;
    task.escalatedAt = escalatedAt;
    task.breaches = 1;
    task.priority = raisedPriority(base.priority);
    task.queue = supervisorQueue(response.region);
    if (task.priority !== 'normal' && !task.notices.urgent) task.notices = { ...task.notices, urgent: { state: 'sent', at: escalatedAt, attempts: 1 } };
    timeline.push({ type: 'escalated', at: escalatedAt, queue: task.queue, priority: task.priority, dueAt: base.dueAt });
  }
  const contactAt = iso(new Date(firstContact));
  const outcome = dice.weighted(OUTCOMES);
  timeline.push({ type: 'claimed', at: iso(new Date(firstContact - dice.int(1, 20) * MINUTE)), by: agent });
  timeline.push({ type: 'attempt', at: contactAt, by: agent, result: outcome === 'unreachable' ? 'no_answer' : 'reached' });
  Object.assign(task, { status: 'in_progress', assignee: agent.staffId, firstContactAt: contactAt, firstContactCountedAt: contactAt });

  const resolved = Math.round(firstContact + (outcome === 'unreachable' ? dice.logNormal(26, 1.5) * HOUR : dice.logNormal(40, 4) * MINUTE));
  if (resolved >= anchorMs || (recent && dice.chance(0.3))) return { task };
  const resolvedAt = iso(new Date(resolved));
  const rootCause = ROOT_CAUSES[driver] ?? '其他';
  Object.assign(task, { status: 'resolved', resolvedAt, outcome, rootCause, resolutions: 1, resolveCountedAt: resolvedAt });
  timeline.push({ type: 'resolved', at: resolvedAt, by: agent, outcome, rootCause });
  // gsi3/gsi4 are dropped by indexKeysOf for a resolved task; assignee stays as who resolved it.

  // The re-survey: for some reached customers, after the policy's delay.
  const recoverySurvey = input.recoverySurvey;
  if (!recoverySurvey || outcome === 'unreachable' || !dice.chance(0.4)) return { task };
  const sendAt = resolved + input.policy.recoveryDelayMinutes * MINUTE;
  if (sendAt >= anchorMs) return { task };
  const orderId = `recovery-${task.taskId}-1`;
  const invitationId = orderInvitationId(response.storeId, orderId);
  const recoveryInvitation: Invitation = {
    invitationId, brandId: response.brandId, storeId: response.storeId, orderId, region: response.region, touchpoint: response.touchpoint,
    ...(response.staffId ? { staffId: response.staffId } : {}),
    occurredAt: resolvedAt, surveyId: recoverySurvey.surveyId, surveyVersion: recoverySurvey.version, kind: 'recovery', taskId: task.taskId,
    createdAt: resolvedAt, expiresAt: iso(new Date(resolved + 7 * DAY)), customerHashes: response.customerHash ? [response.customerHash] : [],
    status: 'sent', channel: 'subscribe_message', sendAt: iso(new Date(sendAt)), tokenHash: sha256Hex(invitationToken(invitationId)),
    deliveries: [{ channel: 'subscribe_message', at: iso(new Date(sendAt)), ok: true }],
  };
  task.recovery = { invitationId };
  timeline.push({ type: 'recovery_invited', at: resolvedAt, invitationId, status: 'scheduled', sendAt: iso(new Date(sendAt)) });
  const answeredAt = Math.round(sendAt + dice.logNormal(90, 3) * MINUTE);
  if (!dice.chance(0.6) || answeredAt >= anchorMs) return { task, recoveryInvitation };

  // Compensated or resolved customers mostly come round; a few stay unhappy.
  const won = dice.chance(outcome === 'compensated' ? 0.75 : outcome === 'resolved' ? 0.65 : 0.35);
  const after = won ? dice.int(7, 10) : dice.int(Math.min(6, response.answers.nps), 6);
  const answers: Answers = { nps: after, reasons: [won ? 'issue_resolved' : 'issue_not_resolved'] };
  const submittedAt = new Date(answeredAt);
  const recoveryResponse: ResponseRecord = {
    responseId: ulid(answeredAt, dice.next), invitationId, clientResponseId: `demo-${invitationId}`,
    brandId: response.brandId, storeId: response.storeId, region: response.region, ...(response.staffId ? { staffId: response.staffId } : {}),
    orderId, touchpoint: response.touchpoint, surveyId: recoverySurvey.surveyId, surveyVersion: recoverySurvey.version, kind: 'recovery', taskId: task.taskId,
    answers, band: npsBand(after), locale: 'zh-CN', submittedAt: iso(submittedAt), day: zonedDay(submittedAt, response.timeZone), timeZone: response.timeZone,
    followUp: consumerFollowUp(answers, input.policy), channel: 'subscribe_message', ...(response.customerHash ? { customerHash: response.customerHash } : {}),
  };
  const resolvedByCustomer = answers.reasons?.includes('issue_resolved');
  task.recovery = { invitationId, responseId: recoveryResponse.responseId, nps: after, resolved: resolvedByCustomer, answeredAt: recoveryResponse.submittedAt };
  timeline.push({ type: 'recovered', at: recoveryResponse.submittedAt, responseId: recoveryResponse.responseId, nps: after, resolved: resolvedByCustomer });
  return { task, recoveryInvitation, recoveryResponse };
}

/** The minutes bucket of a task's first contact (for the report). */
export const contactBucketOf = (task: Task) => (task.firstContactAt ? firstContactBucket((Date.parse(task.firstContactAt) - Date.parse(task.createdAt)) / MINUTE) : undefined);
