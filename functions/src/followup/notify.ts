import { zonedParts, type Notice, type Task } from '@xinsheng/shared';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { getStore } from '../data/catalog-repo';
import { claimNotice, finishNotice } from '../data/tasks-repo';
import { wecomRobot, type WeComSendResult } from '../channels/wecom-robot';

/** What sends a markdown message to the staff group (the WeCom robot; a fake in unit tests). */
export interface StaffNotifier {
  sendMarkdown(content: string): Promise<WeComSendResult>;
}

export function defaultNotifier(): StaffNotifier | undefined {
  return wecomRobot();
}

export const workbenchTaskLink = (taskId: string) => `${config.XS_WORKBENCH_URL.replace(/\/$/, '')}/#/staff/pages/task/index?id=${encodeURIComponent(taskId)}`;

/** A customer's words inside a robot message: one line, no markup, no links (inert text). */
export function inertExcerpt(text: string | undefined, maxChars = 60): string {
  if (!text) return '（无留言）';
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = [...flat];
  const excerpt = cut.slice(0, maxChars).join('') + (cut.length > maxChars ? '…' : '');
  // WeCom markdown reads <font>, [text](url), **, `, >, #: replace them with look-alikes.
  return excerpt.replace(/[<>[\]()*`#_]/g, (c) => ({ '<': '＜', '>': '＞', '[': '［', ']': '］', '(': '（', ')': '）', '*': '＊', '`': 'ˋ', '#': '＃', _: '＿' })[c] ?? c);
}

function localTime(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

export type NoticeKind = 'urgent' | `escalation-${number}`;

export function noticeMarkdown(task: Task, storeName: string, kind: NoticeKind): string {
  const escalation = kind.startsWith('escalation');
  const title = escalation
    ? `<font color="warning">**回访超时升级**</font> 已转 ${task.queue}`
    : `<font color="warning">**紧急回访**</font> ${task.queue}`;
  const scores = `NPS ${task.answers.nps}${task.answers.csat !== undefined ? ` · 满意度 ${task.answers.csat}/5` : ''}`;
  return [
    title,
    `> 门店：${inertExcerpt(storeName, 40)}（${task.storeId}）`,
    `> 评分：<font color="warning">${scores}</font>`,
    `> 留言：${inertExcerpt(task.answers.comment)}`,
    `> 首次联系截止：${localTime(task.dueAt, task.timeZone)}`,
    `[打开任务](${workbenchTaskLink(task.taskId)})`,
  ].join('\n');
}

/**
 * Sends one robot notice of a kind for a task, at most once: the notice is claimed with a
 * conditional write first (a redelivered stream record or a second escalation run finds it
 * claimed). Failures are retried by the robot client, recorded on the task, and never thrown:
 * a notice must not hold up the task it announces.
 */
export async function notifyOnce(task: Task, kind: NoticeKind, notifier: StaffNotifier | undefined, now: Date): Promise<Notice | undefined> {
  // A failed claim throws: the caller's retry (a redelivered stream record) tries again.
  if (!(await claimNotice(task.taskId, kind, now))) return undefined;
  try {
    const store = await getStore(task.storeId);
    let result: WeComSendResult;
    try {
      result = notifier
        ? await notifier.sendMarkdown(noticeMarkdown(task, store?.name ?? task.storeId, kind))
        : { ok: false, attempts: 0, errmsg: 'no WeCom robot configured' };
    } catch (error) {
      result = { ok: false, attempts: 1, errmsg: (error as Error).message.slice(0, 200) };
    }
    const notice: Notice = result.ok
      ? { state: 'sent', at: new Date().toISOString(), attempts: result.attempts }
      : { state: 'failed', at: new Date().toISOString(), attempts: result.attempts, error: `${result.errcode ?? ''} ${result.errmsg}`.trim() };
    await finishNotice(task.taskId, kind, notice, {
      type: 'notified', at: notice.at, kind, ok: result.ok, attempts: result.attempts, ...(notice.error ? { error: notice.error } : {}),
    });
    return notice;
  } catch (error) {
    logger.warn('task notice not recorded', { taskId: task.taskId, kind, error: error as Error });
    return undefined;
  }
}
