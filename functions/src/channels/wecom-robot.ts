import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { ZProviderStatus, backoffDelay, jsonBody, noAnswer, sleepFor } from './http';
import { WECOM_RETRYABLE_ERRCODES } from './wechat/errcodes';

/**
 * The WeCom (企业微信) group robot: POST `<webhook url>` with `{msgtype, markdown|text}`.
 * Staff notices are a side effect of business steps that have already happened, so by default a
 * failure is reported in the result and logged, never thrown into the caller's path.
 * A send whose answer was lost is retried: a duplicate notice is better than a missing one.
 */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
export const WECOM_TEXT_MAX_BYTES = 2048;

export type WeComSendResult =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; errcode?: number; errmsg: string };

export class WeComRobotError extends Error {
  constructor(readonly errcode: number | undefined, readonly errmsg: string, readonly attempts: number) {
    super(`WeCom robot: ${errcode ?? 'no answer'} ${errmsg}`);
    this.name = 'WeComRobotError';
  }
}

export interface WeComRobotOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character, ending in "…" when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = '…';
  let budget = maxBytes - Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (size > budget) break;
    out += ch;
    budget -= size;
  }
  return out + ellipsis;
}

export class WeComRobot {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly webhookUrl: string, options: WeComRobotOptions = {}) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffCapMs = options.backoffCapMs ?? 4000;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
  }

  /** Markdown, cut to WeCom's 4096 bytes. `throwOnFailure` makes a failure a WeComRobotError. */
  sendMarkdown(content: string, options: { throwOnFailure?: boolean } = {}): Promise<WeComSendResult> {
    return this.send({ msgtype: 'markdown', markdown: { content: truncateUtf8(content, WECOM_MARKDOWN_MAX_BYTES) } }, options);
  }

  /** Plain text, cut to 2048 bytes; `mentionedMobiles` @-mentions members by phone ("@all" for everyone). */
  sendText(content: string, options: { mentionedMobiles?: string[]; throwOnFailure?: boolean } = {}): Promise<WeComSendResult> {
    return this.send(
      {
        msgtype: 'text',
        text: {
          content: truncateUtf8(content, WECOM_TEXT_MAX_BYTES),
          ...(options.mentionedMobiles?.length ? { mentioned_mobile_list: options.mentionedMobiles } : {}),
        },
      },
      options,
    );
  }

  private async send(body: unknown, options: { throwOnFailure?: boolean }): Promise<WeComSendResult> {
    let last: { errcode?: number; errmsg: string } = { errmsg: 'not sent' };
    let attempts = 0;
    while (attempts < this.maxAttempts) {
      if (attempts > 0) {
        await this.sleep(backoffDelay(attempts - 1, { baseMs: this.backoffBaseMs, capMs: this.backoffCapMs, random: this.random }));
      }
      attempts++;
      const outcome = await this.post(body);
      if (outcome.ok) return { ok: true, attempts };
      last = outcome;
      if (!outcome.retryable) break;
    }
    // The webhook URL carries the robot's key: it is never logged.
    logger.warn('wecom robot send failed', { errcode: last.errcode, errmsg: last.errmsg, attempts });
    if (options.throwOnFailure) throw new WeComRobotError(last.errcode, last.errmsg, attempts);
    return { ok: false, attempts, ...(last.errcode !== undefined ? { errcode: last.errcode } : {}), errmsg: last.errmsg };
  }

  private async post(body: unknown): Promise<{ ok: true } | { ok: false; retryable: boolean; errcode?: number; errmsg: string }> {
    try {
      const response = await this.fetch(this.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const answer = ZProviderStatus.parse(await jsonBody(response).catch(() => undefined));
      if (!response.ok) return { ok: false, retryable: response.status >= 500 || response.status === 429, errmsg: `HTTP ${response.status}` };
      const { errcode, errmsg = 'unexpected answer' } = answer;
      if (errcode === 0) return { ok: true };
      return { ok: false, retryable: errcode === undefined || WECOM_RETRYABLE_ERRCODES.has(errcode), ...(errcode !== undefined ? { errcode } : {}), errmsg };
    } catch (error) {
      return { ok: false, retryable: true, errmsg: noAnswer(error, this.timeoutMs) };
    }
  }
}

let shared: WeComRobot | null | undefined;

/** The configured staff robot (XS_WECOM_ROBOT_URL), or undefined when none is configured. */
export function wecomRobot(): WeComRobot | undefined {
  if (shared === undefined) shared = config.XS_WECOM_ROBOT_URL ? new WeComRobot(config.XS_WECOM_ROBOT_URL) : null;
  return shared ?? undefined;
}
