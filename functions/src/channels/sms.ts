import { z } from 'zod';
import { config } from '../lib/config';
import { jsonBody, providerStatusFields, timedOut } from './http';

/**
 * SMS delivery behind one small interface, so the provider (Tencent Cloud SMS, Aliyun, a
 * gateway of the brand's own) is a deployment choice. Sends are not retried here: an SMS whose
 * answer was lost may have gone out, and the dispatcher decides what a failure means.
 */
export interface SmsSender {
  /** Resolves when the provider accepted the message; throws SmsSendError otherwise. */
  send(phone: string, text: string): Promise<{ messageId?: string }>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    /** True when trying again later may work (timeout, 5xx, 429). */
    readonly retryable: boolean,
    readonly status?: number,
    readonly errcode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SmsSendError';
  }
}

/** The provider's answer; fields of the wrong type count as missing. */
const ZSmsAnswer = z
  .object({
    ...providerStatusFields,
    ok: z.boolean().optional().catch(undefined),
    messageId: z.string().optional().catch(undefined),
  })
  .catch({});

/**
 * POSTs `{phone, text}` as JSON to a URL (locally the stand-in's /sms/send). Success is a 2xx
 * whose body, if JSON, does not carry `ok: false` or a non-zero `errcode`.
 */
export class HttpSmsSender implements SmsSender {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;

  constructor(
    readonly url: string,
    options: { fetch?: typeof fetch; timeoutMs?: number; headers?: Record<string, string> } = {},
  ) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.headers = options.headers ?? {};
  }

  async send(phone: string, text: string): Promise<{ messageId?: string }> {
    let response: Response;
    let body: unknown;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.headers },
        body: JSON.stringify({ phone, text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await jsonBody(response);
    } catch (error) {
      const why = timedOut(error) ? `SMS provider did not answer within ${this.timeoutMs} ms` : 'SMS provider unreachable';
      throw new SmsSendError(why, true, undefined, undefined, { cause: error });
    }
    const { ok, errcode, errmsg, messageId } = ZSmsAnswer.parse(body);
    if (!response.ok || ok === false || (errcode !== undefined && errcode !== 0)) {
      const retryable = response.status >= 500 || response.status === 429;
      throw new SmsSendError(`SMS refused: ${errmsg ?? `HTTP ${response.status}`}`, retryable, response.status, errcode);
    }
    return messageId === undefined ? {} : { messageId };
  }
}

/** Stands in when XS_SMS_URL is not set: the function still starts, and each send fails clearly. */
class UnconfiguredSmsSender implements SmsSender {
  async send(): Promise<never> {
    throw new SmsSendError('SMS is not configured (XS_SMS_URL)', false);
  }
}

let shared: SmsSender | undefined;

/** The process's SMS sender from the configuration. */
export function smsSender(): SmsSender {
  return (shared ??= config.XS_SMS_URL ? new HttpSmsSender(config.XS_SMS_URL) : new UnconfiguredSmsSender());
}
