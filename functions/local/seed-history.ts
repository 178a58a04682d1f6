/**
 * Writes the planned demo history (demo-history.ts) through the product's own write paths, with past
 * timestamps, so the product counts it the way it counts live data:
 * - invitations (sent, opened) with their `i:<channel>:sent|opened` ADDs in one conditional
 *   transaction per group (history-repo.ts);
 * - callback tasks in their final state with their loop ADDs (first contact, SLA met, resolved) in
 *   one conditional transaction per group — BEFORE their responses, so the follow-up consumer finds
 *   `task_existed` and sends nothing;
 * - responses with `putResponse` (export-index keys and all), which the REAL responses stream carries
 *   to the aggregation consumer (histograms, reasons, themes, order values, callbacks) — then the
 *   recovery answers, counted there under their task's cohort;
 * - repeat purchases with `countRepeatPurchase` (its guard on the answered invitation).
 * Exactly once across crashes: a marker holds the anchor (the history's "now", so a rerun plans the
 * same items), every put is conditional, and the marker is completed last; a completed marker makes
 * a rerun a no-op.
 */
import { z } from 'zod';
import {
  addDays, firstContactIncrements, invitationTargets, loopTargets, openedIncrements, resolveIncrements, sentIncrements, attr, zonedDay,
  type Increments, type Invitation, type Task,
} from '@xinsheng/shared';
import { mapWithConcurrency } from '../src/lib/concurrency';
import { putResponse } from '../src/data/responses-repo';
import { countRepeatPurchase } from '../src/data/insight-events-repo';
import { cohortDay } from '../src/data/tasks-repo';
import {
  MAX_TRANSACTION_ITEMS, completeHistoryMarker, getHistoryMarker, putCountedInvitations, putCountedTasks, startHistoryMarker, sumDayRows,
  type GroupOutcome, type RowAdd,
} from '../src/data/history-repo';
import { DEMO_STORY, HISTORY_DAYS, planHistory, type HistoryInput, type HistoryPlan, type PlannedTask } from './demo-history';
import { DEMO_BRAND, DEMO_STORES, DEMO_SURVEY } from './demo-brand';
import { DEMO_FOLLOW_UP_POLICY, DEMO_RECOVERY_SURVEY } from './seed-followup';

const ZHistoryCounts = z.object({
  invitations: z.number().int(),
  responses: z.number().int(),
  tasks: z.number().int(),
  openTasks: z.number().int(),
  resolvedTasks: z.number().int(),
  recoveries: z.number().int(),
  repeats: z.number().int(),
});
export type HistoryCounts = z.infer<typeof ZHistoryCounts>;

export interface SeedHistoryResult {
  /** False when a completed history was found (nothing written). */
  seeded: boolean;
  anchor: string;
  from: string;
  to: string;
  counts: HistoryCounts;
  /** Groups refused because they were written by an earlier, interrupted run. */
  resumed: number;
  seconds: number;
}

export interface SeedHistoryOptions {
  /** Progress lines (npm start prints them in place). */
  onProgress?: (line: string) => void;
  /** How long to wait for the aggregation consumer to count every response (ms). */
  aggregationTimeoutMs?: number;
  /** Tests: stop after this many groups of writes (a simulated crash). */
  crashAfterGroups?: number;
}

export class SimulatedCrash extends Error {}

const CONCURRENCY = 4;

function invitationAdds(invitation: Invitation, timeZone: string): RowAdd[] {
  const { channel } = invitation;
  if (!channel) return [];
  const targets = invitationTargets(invitation);
  const out: RowAdd[] = [];
  const add = (at: string, increments: Increments) => {
    const day = zonedDay(new Date(at), timeZone);
    for (const t of targets) out.push({ ...t, day, increments });
  };
  // A receipt is never dispatched: it counts as sent when it is first opened (openedIncrements).
  if (channel !== 'receipt' && invitation.sendAt) add(invitation.sendAt, sentIncrements(channel));
  if (invitation.openedAt) add(invitation.openedAt, openedIncrements(channel));
  return out;
}

function taskAdds(task: Task): RowAdd[] {
  const increments: Increments = {};
  if (task.firstContactCountedAt && task.firstContactAt) Object.assign(increments, firstContactIncrements(task, task.firstContactAt));
  if (task.resolveCountedAt) Object.assign(increments, resolveIncrements());
  const day = cohortDay(task);
  return loopTargets(task).map((t) => ({ ...t, day, increments }));
}

/** Splits items into groups whose puts plus distinct counter rows fit one transaction. */
function chunk<T>(items: readonly T[], puts: (item: T) => number, adds: (item: T) => RowAdd[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let count = 0;
  let rows = new Set<string>();
  for (const item of items) {
    const itemRows = adds(item).map((a) => `${a.dimension}|${a.key}|${a.day}`);
    const newRows = itemRows.filter((r) => !rows.has(r)).length;
    if (current.length && count + puts(item) + rows.size + newRows > MAX_TRANSACTION_ITEMS - 5) {
      groups.push(current);
      current = [];
      count = 0;
      rows = new Set();
    }
    current.push(item);
    count += puts(item);
    for (const r of itemRows) rows.add(r);
  }
  if (current.length) groups.push(current);
  return groups;
}

export function countsOf(plan: HistoryPlan): HistoryCounts {
  const tasks = plan.storeDays.flatMap((d) => d.tasks);
  return {
    invitations: plan.storeDays.reduce((n, d) => n + d.invitations.length, 0),
    responses: plan.storeDays.reduce((n, d) => n + d.responses.length, 0),
    tasks: tasks.length,
    openTasks: tasks.filter((t) => t.task.status !== 'resolved').length,
    resolvedTasks: tasks.filter((t) => t.task.status === 'resolved').length,
    recoveries: tasks.filter((t) => t.recoveryResponse).length,
    repeats: plan.repeats.length,
  };
}

/** Seeds the history once (see the file comment); a completed history is left as it is. */
export async function seedHistory(input: Omit<HistoryInput, 'anchor'> & { now: Date }, options: SeedHistoryOptions = {}): Promise<SeedHistoryResult> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const days = input.days ?? HISTORY_DAYS;
  const zones = new Map(input.stores.map(({ store }) => [store.storeId, store.timeZone]));
  const invitationAdds_ = (invitation: Invitation) => invitationAdds(invitation, zones.get(invitation.storeId) ?? 'Asia/Shanghai');

  let marker = await getHistoryMarker(input.brandId);
  if (!marker) {
    // What the brand's rows held before (live answers of a database that predates the history): the wait adds to it.
    const range = planRange(input.now, input.stores.map(({ store }) => store.timeZone), days);
    const fresh = {
      brandId: input.brandId, anchor: input.now.toISOString(), seed: input.seed, days, startedAt: new Date().toISOString(),
      baseline: answersCounted(await sumDayRows(input.brandId, 'brand', input.brandId, range.from, range.to)),
    };
    if (!(await startHistoryMarker(fresh))) marker = await getHistoryMarker(input.brandId);
    marker ??= fresh;
  }
  if (marker.completedAt && marker.counts) {
    // Done before: nothing is planned or written (the marker keeps what was seeded).
    const range = planRange(new Date(marker.anchor), input.stores.map(({ store }) => store.timeZone), marker.days);
    const counts = ZHistoryCounts.parse(marker.counts);
    return { seeded: false, anchor: marker.anchor, ...range, counts, resumed: 0, seconds: (Date.now() - started) / 1000 };
  }
  const anchor = new Date(marker.anchor);
  const plan = planHistory({ ...input, anchor, seed: marker.seed, days: marker.days });
  const counts = countsOf(plan);
  progress(`history: planned ${counts.invitations} invitations, ${counts.responses} answers (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  let groupsDone = 0;
  let resumed = 0;
  let crashed = false;
  const track = (outcome: GroupOutcome) => {
    if (outcome === 'existed') resumed++;
    if (options.crashAfterGroups !== undefined && ++groupsDone >= options.crashAfterGroups) crashed = true;
    if (crashed) throw new SimulatedCrash('simulated crash while seeding the history');
  };
  /** After a simulated crash no worker writes anything more (as if the process had died). */
  const alive = () => {
    if (crashed) throw new SimulatedCrash('simulated crash while seeding the history');
  };

  // 1. Invitations with their sent / opened counts.
  const invitationGroups = plan.storeDays.flatMap((d) => chunk(d.invitations, () => 1, invitationAdds_));
  let done = 0;
  await mapWithConcurrency(invitationGroups, CONCURRENCY, async (group) => {
    alive();
    track(await putCountedInvitations(input.brandId, group, group.flatMap(invitationAdds_)));
    progress(`history: invitations ${(done += group.length)}/${counts.invitations}`);
  });

  // 2. Callback tasks in their final state (and the recovery invitations) with their loop counts.
  const taskGroups = plan.storeDays.flatMap((d) => chunk(d.tasks, (t: PlannedTask) => (t.recoveryInvitation ? 2 : 1), (t) => taskAdds(t.task)));
  done = 0;
  await mapWithConcurrency(taskGroups, CONCURRENCY, async (group) => {
    alive();
    const outcome = await putCountedTasks(
      input.brandId,
      group.map(({ task }) => ({ task, now: new Date(task.createdAt) })),
      group.flatMap((t) => (t.recoveryInvitation ? [t.recoveryInvitation] : [])),
      group.flatMap((t) => taskAdds(t.task)),
    );
    track(outcome);
    progress(`history: callback tasks ${(done += group.length)}/${counts.tasks}`);
  });

  // 3. The responses, as the submit stores them; the stream counts them. Then the recovery answers.
  const responses = plan.storeDays.flatMap((d) => d.responses);
  done = 0;
  await mapWithConcurrency(responses, 8, async (response) => {
    await putResponse(response, new Date(response.submittedAt));
    if (++done % 200 === 0 || done === responses.length) progress(`history: responses ${done}/${responses.length}`);
  });
  const recoveries = plan.storeDays.flatMap((d) => d.tasks.flatMap((t) => (t.recoveryResponse ? [t.recoveryResponse] : [])));
  await mapWithConcurrency(recoveries, 8, (response) => putResponse(response, new Date(response.submittedAt)));

  // 4. Repeat purchases: each a later trigger of an answered customer, counted once by its guard.
  done = 0;
  await mapWithConcurrency(plan.repeats, 6, async (repeat) => {
    const outcome = await countRepeatPurchase(input.brandId, { invitationId: repeat.invitationId, customerHashes: [] }, repeat.occurredAt);
    if (outcome === 'unanswered' || outcome === 'not_a_repeat') throw new Error(`repeat of ${repeat.invitationId} was not counted: ${outcome}`);
    if (++done % 200 === 0 || done === plan.repeats.length) progress(`history: repeat purchases ${done}/${counts.repeats}`);
  });

  // 5. Wait for the aggregation consumer to have counted every response (the brand's rows).
  await waitForAggregation(input.brandId, plan, marker.baseline + counts.responses + counts.recoveries, options);

  const seconds = Math.round((Date.now() - started) / 100) / 10;
  await completeHistoryMarker(input.brandId, new Date().toISOString(), { ...counts }, seconds);
  return { seeded: true, anchor: marker.anchor, from: plan.from, to: plan.to, counts, resumed, seconds };
}

/** First-survey answers plus re-surveys a sum of rows holds. */
function answersCounted(sum: Increments): number {
  const answers = Array.from({ length: 11 }, (_, score) => sum[attr.nps(score)] ?? 0).reduce((a, b) => a + b, 0);
  return answers + (sum[attr.resurveyed] ?? 0);
}

/** The days the history covers: `days` up to the day before `now` in the stores' time zones, and the morning of that day. */
function planRange(now: Date, timeZones: readonly string[], days: number): { from: string; to: string } {
  const todays = timeZones.map((tz) => zonedDay(now, tz)).sort();
  return { from: addDays(todays[0], -days), to: todays[todays.length - 1] };
}

/**
 * Polls the brand's day rows until they hold every first-survey answer and every re-survey written
 * (a recovery answer counts under its original's day, inside the range) on top of the baseline.
 */
async function waitForAggregation(brandId: string, plan: HistoryPlan, expected: number, options: SeedHistoryOptions): Promise<void> {
  const deadline = Date.now() + (options.aggregationTimeoutMs ?? 5 * 60_000);
  const progress = options.onProgress ?? (() => undefined);
  for (;;) {
    const counted = answersCounted(await sumDayRows(brandId, 'brand', brandId, plan.from, plan.to));
    progress(`history: aggregated ${counted}/${expected} answers`);
    if (counted >= expected) return;
    if (Date.now() > deadline) throw new Error(`aggregation did not catch up: ${counted}/${expected} answers counted`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The demo brand's history input (demo-brand.ts, seed-followup.ts), under another brand id for a test's copy. */
export function demoHistoryInput(now: Date, copyAs?: string): Omit<HistoryInput, 'anchor'> & { now: Date } {
  const brandId = copyAs ?? DEMO_BRAND.brandId;
  const id = (value: string) => (copyAs ? `${copyAs}-${value}` : value);
  return {
    brandId,
    stores: DEMO_STORES.map((store) => ({
      store: { ...store, brandId, storeId: id(store.storeId), staffIds: store.staffIds.map(id) },
      story: DEMO_STORY[store.storeId],
    })),
    survey: { ...DEMO_SURVEY, brandId, surveyId: id(DEMO_SURVEY.surveyId) },
    recoverySurvey: DEMO_RECOVERY_SURVEY,
    policy: { ...DEMO_FOLLOW_UP_POLICY, brandId },
    seed: DEMO_HISTORY_SEED,
    now,
  };
}

/** The PRNG seed of the demo history: the same demo on every machine. */
export const DEMO_HISTORY_SEED = 20_250_808;

/** npm start: the demo brand's 90 days, once (see seedHistory). */
export function seedDemoHistory(options: SeedHistoryOptions = {}): Promise<SeedHistoryResult> {
  return seedHistory(demoHistoryInput(new Date()), options);
}
