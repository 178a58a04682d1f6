import { unauthorized, unavailable } from '../../lib/errors';
import { BUSY_RETRY_AFTER_SECONDS, INVALID_LOGIN_ERRCODES, WECHAT_ERRCODE } from './errcodes';

/**
 * The one error family of the WeChat client. `errcode` is WeChat's; a call that got no usable
 * answer (timeout, network, HTTP status, not JSON) has errcode −1 like WeChat's own "system busy"
 * and `transport: true`. `retryAfterSeconds` is set when waiting is the remedy (busy, quota).
 */
export class WeChatApiError extends Error {
  readonly retryAfterSeconds?: number;
  readonly transport: boolean;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
    options: { transport?: boolean; cause?: unknown } = {},
  ) {
    super(`WeChat ${api}: ${errcode} ${errmsg}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WeChatApiError';
    this.transport = options.transport ?? false;
    const wait = BUSY_RETRY_AFTER_SECONDS.get(errcode);
    if (wait !== undefined) this.retryAfterSeconds = wait;
  }
  /** -1, 45009, 45011 or no answer: worth retrying later. */
  get busy(): boolean {
    return BUSY_RETRY_AFTER_SECONDS.has(this.errcode);
  }
}

/** 40029 / 40163 / 40226: the wx.login code is unknown, was used already, or was refused. */
export const isInvalidLoginCode = (error: unknown): error is WeChatApiError =>
  error instanceof WeChatApiError && INVALID_LOGIN_ERRCODES.has(error.errcode);

/** 43101: the user has no one-time subscription left for the template (fall back to SMS). */
export const isSubscriptionRefused = (error: unknown): error is WeChatApiError =>
  error instanceof WeChatApiError && error.errcode === WECHAT_ERRCODE.USER_REFUSED;

/** WeChat's errcode when the error is WeChat's, else undefined. */
export const wechatErrcode = (error: unknown): number | undefined => (error instanceof WeChatApiError ? error.errcode : undefined);

/**
 * What a handler should throw for a WeChat failure: 401 for a bad login code, 503 with
 * Retry-After when WeChat is busy or out of quota; anything else unchanged (a plain 500).
 */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof WeChatApiError)) return error;
  if (INVALID_LOGIN_ERRCODES.has(error.errcode)) return unauthorized('the login code is invalid or was used already');
  if (error.busy) return unavailable(error.retryAfterSeconds ?? 2);
  return error;
}
