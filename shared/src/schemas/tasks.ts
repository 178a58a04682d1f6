import { z } from 'zod';
import { ZExternalId, ZIsoDateTime, ZTouchpoint } from './common';
import { ZAnswers } from './answers';
import { ZScoreBand } from './survey';
import { ZBusinessHours } from '../sla';
import { ZResponseRecord } from './records';
import { ZStaffRole } from './staff';

/** A callback task: one per qualifying response, worked by an agent from open to resolved. */
export const ZTaskStatus = z.enum(['open', 'in_progress', 'resolved']);
export type TaskStatus = z.infer<typeof ZTaskStatus>;

/** `critical` is only reached by escalation (an urgent task that breached its SLA). */
export const ZTaskPriority = z.enum(['normal', 'urgent', 'critical']);
export type TaskPriority = z.infer<typeof ZTaskPriority>;

export const ZAttemptResult = z.enum(['reached', 'no_answer', 'wrong_number', 'call_back_later']);
export type AttemptResult = z.infer<typeof ZAttemptResult>;

export const ZResolveOutcome = z.enum(['resolved', 'compensated', 'unreachable', 'no_action_needed']);
export type ResolveOutcome = z.infer<typeof ZResolveOutcome>;

/** Who did something to a task: a staff member, or the system (follow-up, escalation). */
export const ZActor = z.object({ staffId: z.string(), name: z.string().optional(), role: z.string().optional() });
export type Actor = z.infer<typeof ZActor>;

const entry = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), at: ZIsoDateTime, by: ZActor.optional(), ...shape });

/** One line of a task's history: who did what, when. */
export const ZTimelineEntry = z.discriminatedUnion('type', [
  entry('created', { queue: z.string(), priority: ZTaskPriority, dueAt: ZIsoDateTime }),
  entry('claimed', {}),
  entry('assigned', { to: z.string() }),
  entry('attempt', { result: ZAttemptResult, note: z.string().optional() }),
  entry('phone_revealed', {}),
  entry('escalated', { queue: z.string(), priority: ZTaskPriority, dueAt: ZIsoDateTime }),
  entry('resolved', { outcome: ZResolveOutcome, rootCause: z.string().optional(), note: z.string().optional() }),
  entry('reopened', { note: z.string().optional(), dueAt: ZIsoDateTime }),
  entry('recovery_invited', { invitationId: z.string().optional(), status: z.string(), sendAt: z.optional(ZIsoDateTime), reason: z.string().optional() }),
  entry('recovered', { responseId: z.string(), nps: z.number().int(), resolved: z.boolean().optional() }),
  entry('notified', { kind: z.string(), ok: z.boolean(), attempts: z.number().int(), error: z.string().optional() }),
  /** The customer's callback notice (a WeChat subscribe message they opted in to): sent, or WeChat's errcode. */
  entry('customer_notified', { trigger: z.enum(['reached', 'resolved']), ok: z.boolean(), errcode: z.number().int().optional(), error: z.string().optional() }),
]);
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZNotice = z.object({
  state: z.enum(['sending', 'sent', 'failed']),
  at: ZIsoDateTime,
  attempts: z.number().int().default(0),
  error: z.string().optional(),
});
export type Notice = z.infer<typeof ZNotice>;

export const ZRecovery = z.object({
  invitationId: z.string().optional(),
  responseId: z.string().optional(),
  nps: z.number().int().min(0).max(10).optional(),
  resolved: z.boolean().optional(),
  answeredAt: z.optional(ZIsoDateTime),
});

/** The stored task (main table). The response's answer is copied in, so a task reads in one Get. */
export const ZTask = ZResponseRecord.pick({
  responseId: true, invitationId: true, brandId: true, storeId: true, region: true, staffId: true, orderId: true,
  touchpoint: true, timeZone: true, answers: true, band: true, submittedAt: true, phoneSealed: true,
}).extend({
  /** The response's store-local day: the cohort its loop counters are kept under (tasks made before this was stored derive it). */
  day: ZResponseRecord.shape.day.optional(),
  taskId: z.string(),
  status: ZTaskStatus,
  priority: ZTaskPriority,
  queue: z.string(),
  assignee: z.string().optional(),
  createdAt: ZIsoDateTime,
  dueAt: ZIsoDateTime,
  firstContactAt: z.optional(ZIsoDateTime),
  escalated: z.boolean().default(false),
  escalatedAt: z.optional(ZIsoDateTime),
  /** How many times the SLA was breached and escalated (one escalation per breach). */
  breaches: z.number().int().default(0),
  resolvedAt: z.optional(ZIsoDateTime),
  outcome: ZResolveOutcome.optional(),
  rootCause: z.string().optional(),
  /** Bumped on each resolve; names the recovery invitation, so a retried resolve makes one. */
  resolutions: z.number().int().default(0),
  recovery: ZRecovery.optional(),
  notices: z.record(z.string(), ZNotice).default({}),
  timeline: z.array(ZTimelineEntry).default([]),
  version: z.number().int().default(1),
  /** When the task's first contact was counted in the insight loop counters (once per task, kept across reopens). */
  firstContactCountedAt: z.optional(ZIsoDateTime),
  /** When the task's first resolve was counted in the insight loop counters (a reopen and resolve again counts nothing). */
  resolveCountedAt: z.optional(ZIsoDateTime),
});
export type Task = z.infer<typeof ZTask>;

// ---------- Brand follow-up policy ----------

/** A routing rule: the first that matches a response sends its task to `queue`. */
export const ZRoutingRule = z.object({
  touchpoint: z.optional(ZTouchpoint),
  storeId: z.optional(ZExternalId),
  region: z.optional(ZExternalId),
  queue: z.string().regex(/^[a-z0-9][a-z0-9:_-]{0,62}$/),
});
export type RoutingRule = z.infer<typeof ZRoutingRule>;

export const ZFollowUpPolicy = z.object({
  brandId: ZExternalId,
  routing: z.array(ZRoutingRule).max(100).default([]),
  slaHours: z.object({ urgent: z.number().positive().max(500), normal: z.number().positive().max(500) }).default({ urgent: 4, normal: 24 }),
  businessHours: ZBusinessHours.default({ start: '09:00', end: '21:00' }),
  urgentKeywords: z.array(z.string().min(1)).optional(),
  /** The one-question survey sent after a resolved task ("did we resolve it?" + NPS). */
  recoverySurveyId: z.optional(ZExternalId),
  /** Delay before the recovery survey goes out (then moved out of quiet hours). */
  recoveryDelayMinutes: z.number().int().min(0).max(7 * 24 * 60).default(60),
});
export type FollowUpPolicy = z.infer<typeof ZFollowUpPolicy>;

/** The reason id a recovery survey uses for "yes, it was resolved". */
export const RECOVERY_RESOLVED_REASON = 'issue_resolved';

// ---------- Staff → API ----------

export const ZTaskSummary = z.object({
  taskId: z.string(),
  responseId: z.string(),
  storeId: z.string(),
  storeName: z.string().optional(),
  region: z.string(),
  status: ZTaskStatus,
  priority: ZTaskPriority,
  queue: z.string(),
  assignee: z.string().optional(),
  escalated: z.boolean(),
  createdAt: ZIsoDateTime,
  dueAt: ZIsoDateTime,
  breached: z.boolean(),
  nps: z.number().int(),
  csat: z.number().int().optional(),
  /** The first line of the comment (at most 80 characters), as plain text. */
  commentPreview: z.string().optional(),
});
export type TaskSummary = z.infer<typeof ZTaskSummary>;

export const ZTaskList = z.object({ items: z.array(ZTaskSummary), nextCursor: z.string().optional() });
export type TaskList = z.infer<typeof ZTaskList>;

export const ZTaskDetail = ZTaskSummary.extend({
  answers: ZAnswers,
  band: ZScoreBand,
  touchpoint: ZTouchpoint,
  orderId: z.string(),
  staffId: z.string().optional(),
  submittedAt: ZIsoDateTime,
  store: z.object({ storeId: z.string(), name: z.string(), region: z.string() }),
  /** Masked as 138****5678; the full number only through reveal-phone (audited). */
  phoneMasked: z.string().optional(),
  firstContactAt: z.optional(ZIsoDateTime),
  resolvedAt: z.optional(ZIsoDateTime),
  outcome: ZResolveOutcome.optional(),
  rootCause: z.string().optional(),
  recovery: ZRecovery.optional(),
  timeline: z.array(ZTimelineEntry),
});
export type TaskDetail = z.infer<typeof ZTaskDetail>;

const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZTaskListQuery = z
  .object({
    /** One status or several, comma separated; default: open,in_progress. */
    status: z
      .string()
      .regex(/^(open|in_progress|resolved)(,(open|in_progress|resolved))*$/, 'open, in_progress, resolved (comma separated)')
      .optional(),
    queue: z.string().max(64).optional(),
    mine: ZBool.optional(),
    escalated: ZBool.optional(),
    storeId: z.optional(ZExternalId),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(4000).optional(),
  })
  .strict();
export type TaskListQuery = z.infer<typeof ZTaskListQuery>;

const ZNote = z.string().trim().max(1000);

export const ZAttemptRequest = z.object({ result: ZAttemptResult, note: ZNote.optional() }).strict();
export type AttemptRequest = z.infer<typeof ZAttemptRequest>;

export const ZResolveRequest = z
  .object({
    outcome: ZResolveOutcome,
    rootCause: z.string().trim().min(1).max(200),
    note: ZNote.optional(),
    /** Send the customer the one-question follow-up survey (default: for resolved/compensated). */
    resurvey: z.boolean().optional(),
  })
  .strict();
export type ResolveRequest = z.infer<typeof ZResolveRequest>;

export const ZReopenRequest = z.object({ note: ZNote.optional() }).strict();
export type ReopenRequest = z.infer<typeof ZReopenRequest>;

export const ZAssignRequest = z.object({ staffId: z.string().min(1).max(64) }).strict();
export type AssignRequest = z.infer<typeof ZAssignRequest>;

/** Who a task can be handed to: active staff whose role works tasks and whose scope holds it. */
export const ZAssignee = z.object({ staffId: z.string(), name: z.string(), role: ZStaffRole });
export type Assignee = z.infer<typeof ZAssignee>;
export const ZAssigneeList = z.object({ items: z.array(ZAssignee) });
export type AssigneeList = z.infer<typeof ZAssigneeList>;

export const ZRevealPhoneResponse = z.object({ phone: z.string(), revealedAt: ZIsoDateTime });
export type RevealPhoneResponse = z.infer<typeof ZRevealPhoneResponse>;
