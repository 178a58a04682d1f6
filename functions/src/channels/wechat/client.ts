import { z } from 'zod';
import { config } from '../../lib/config';
import { logger } from '../../lib/logger';
import { backoffDelay, noAnswer, sleepFor } from '../http';
import { AccessTokens, dynamoTokenStore, type TokenStore } from './access-token';
import { TOKEN_ERRCODES, WECHAT_ERRCODE } from './errcodes';
import { WeChatApiError } from './errors';
import type { TemplateData } from './template-data';

const ZErr = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() });
const ZStableToken = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const ZSession = z.object({ openid: z.string().min(1), session_key: z.string().min(1), unionid: z.string().optional() });
const ZSendResult = z.object({ msgid: z.union([z.number(), z.string()]).optional() });
const ZUrlLink = z.object({ url_link: z.string().min(1) });

export type WeChatSession = z.infer<typeof ZSession>;
export type MiniProgramState = 'developer' | 'trial' | 'formal';
export type EnvVersion = 'release' | 'trial' | 'develop';

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  /** The mini-program page opened from the notice, with its query, e.g. `pages/survey/index?inv=…`. */
  page?: string;
  data: TemplateData;
  miniprogram_state?: MiniProgramState;
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface UrlLinkRequest {
  /** A published page, without query; empty opens the home page. */
  path: string;
  query: string;
  /** 1–30 days (WeChat's limit for an expiring link). */
  expireIntervalDays: number;
  envVersion?: EnvVersion;
}

export const URL_LINK_MAX_QUERY = 1024;
export const URL_LINK_MAX_DAYS = 30;

export interface WeChatClientOptions {
  baseUrl: string;
  appId: string;
  secret: string;
  /** Where instances share the token; the main table unless a test wraps it. */
  tokenStore?: TokenStore;
  fetch?: typeof fetch;
  /** Epoch milliseconds. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  refreshMarginMs?: number;
  /** Attempts for a busy answer (-1, 45009, 45011), the first included. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** How long a refresher holds the lease, and how long others wait for its token before refreshing themselves. */
  leaseMs?: number;
  leaseWaitMs?: number;
  envVersion?: EnvVersion;
}

interface CallSpec {
  api: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Needs `access_token` in the query (retried once after a token refresh on 40001/42001). */
  auth: boolean;
  /** Safe to repeat when no answer came back (a timed-out send may have been delivered). */
  idempotent: boolean;
}

export class WeChatClient {
  readonly appId: string;
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: { baseMs: number; capMs: number; random: () => number };
  private readonly envVersion: EnvVersion;
  private readonly tokens: AccessTokens;

  constructor(private readonly options: WeChatClientOptions) {
    this.appId = options.appId;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? sleepFor;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.backoff = { baseMs: options.backoffBaseMs ?? 200, capMs: options.backoffCapMs ?? 2000, random: options.random ?? Math.random };
    this.envVersion = options.envVersion ?? 'release';
    this.tokens = new AccessTokens({
      appId: options.appId,
      store: options.tokenStore ?? dynamoTokenStore,
      stableToken: (forceRefresh) => this.stableToken(forceRefresh),
      now: options.now ?? Date.now,
      sleep: this.sleep,
      refreshMarginMs: options.refreshMarginMs ?? 5 * 60_000,
      leaseMs: options.leaseMs ?? 10_000,
      leaseWaitMs: options.leaseWaitMs ?? 3000,
    });
  }

  /* ── access token ── */

  /**
   * A valid access token: this instance's memo, else the shared one in the store, else a new
   * one from stable_token. `stale` is a token WeChat just refused: never return it again.
   */
  getAccessToken(options: { stale?: string } = {}): Promise<string> {
    return this.tokens.get(options);
  }

  private stableToken(forceRefresh: boolean) {
    return this.call(
      {
        api: 'stable_token',
        method: 'POST',
        path: '/cgi-bin/stable_token',
        body: { grant_type: 'client_credential', appid: this.appId, secret: this.options.secret, force_refresh: forceRefresh },
        auth: false,
        idempotent: !forceRefresh,
      },
      ZStableToken,
    );
  }

  /* ── APIs ── */

  /** wx.login's code → openid and session key (never send these to the client). */
  code2Session(code: string): Promise<WeChatSession> {
    return this.call(
      {
        api: 'jscode2session',
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: this.appId, secret: this.options.secret, js_code: code, grant_type: 'authorization_code' },
        auth: false,
        idempotent: false, // a code works once: repeating a call whose answer was lost only yields 40163
      },
      ZSession,
    );
  }

  /** One-time subscribe message; 43101 (no quota) and 47003 (bad data) surface as WeChatApiError. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<{ msgid?: string }> {
    const result = await this.call(
      {
        api: 'subscribeMessage.send',
        method: 'POST',
        path: '/cgi-bin/message/subscribe/send',
        body: { miniprogram_state: MINIPROGRAM_STATE[this.envVersion], lang: 'zh_CN', ...message },
        auth: true,
        idempotent: false, // a lost answer may hide a delivered message: never send it twice
      },
      ZSendResult,
    );
    return result.msgid === undefined ? {} : { msgid: String(result.msgid) };
  }

  /** An expiring URL link that opens the mini-program page from outside WeChat (SMS). */
  async generateUrlLink(request: UrlLinkRequest): Promise<string> {
    if (request.query.length > URL_LINK_MAX_QUERY) throw new RangeError(`url link query is ${request.query.length} characters; WeChat allows ${URL_LINK_MAX_QUERY}`);
    if (!Number.isInteger(request.expireIntervalDays) || request.expireIntervalDays < 1 || request.expireIntervalDays > URL_LINK_MAX_DAYS) {
      throw new RangeError(`url link expiry must be 1–${URL_LINK_MAX_DAYS} whole days, not ${request.expireIntervalDays}`);
    }
    if (request.path.includes('?')) throw new RangeError('url link path must not carry a query; pass it as query');
    const result = await this.call(
      {
        api: 'generate_urllink',
        method: 'POST',
        path: '/wxa/generate_urllink',
        body: {
          path: request.path,
          query: request.query,
          env_version: request.envVersion ?? this.envVersion,
          is_expire: true,
          expire_type: 1,
          expire_interval: request.expireIntervalDays,
        },
        auth: true,
        idempotent: true, // a second link for the same page is harmless
      },
      ZUrlLink,
    );
    return result.url_link;
  }

  /* ── transport ── */

  private async call<S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.infer<S>> {
    let refreshed = false;
    for (let attempt = 0; ; ) {
      const token = spec.auth ? await this.getAccessToken() : undefined;
      try {
        return await this.once(spec, schema, token);
      } catch (error) {
        if (!(error instanceof WeChatApiError)) throw error;
        if (token !== undefined && TOKEN_ERRCODES.has(error.errcode) && !refreshed) {
          refreshed = true;
          logger.info('wechat token refused; refreshing', { api: spec.api, errcode: error.errcode });
          await this.getAccessToken({ stale: token });
          continue;
        }
        const retryable = error.busy && (!error.transport || spec.idempotent);
        if (retryable && attempt + 1 < this.maxAttempts) {
          const delay = backoffDelay(attempt++, this.backoff);
          logger.info('wechat busy; backing off', { api: spec.api, errcode: error.errcode, attempt, delay });
          await this.sleep(delay);
          continue;
        }
        throw error;
      }
    }
  }

  private async once<S extends z.ZodType>(spec: CallSpec, schema: S, token: string | undefined): Promise<z.infer<S>> {
    const query = new URLSearchParams({ ...(token ? { access_token: token } : {}), ...spec.query });
    const qs = query.toString();
    const url = `${this.baseUrl}${spec.path}${qs ? `?${qs}` : ''}`;
    const transport = (what: string, cause?: unknown) => new WeChatApiError(WECHAT_ERRCODE.SYSTEM_BUSY, what, spec.api, { transport: true, cause });
    let payload: unknown;
    try {
      const response = await this.fetch(url, {
        method: spec.method,
        ...(spec.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw transport(`HTTP ${response.status}`);
      }
      payload = await response.json();
    } catch (error) {
      if (error instanceof WeChatApiError) throw error;
      throw transport(noAnswer(error, this.timeoutMs), error);
    }
    const status = ZErr.safeParse(payload);
    if (status.success && status.data.errcode) throw new WeChatApiError(status.data.errcode, status.data.errmsg ?? '', spec.api);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw transport('unexpected answer');
    return parsed.data;
  }
}

const MINIPROGRAM_STATE: Record<EnvVersion, MiniProgramState> = { release: 'formal', trial: 'trial', develop: 'developer' };

let shared: WeChatClient | undefined;

/**
 * The process's client from the configuration, with the token shared through the main table;
 * built once and reused by every invocation (its token memo with it).
 */
export function wechatClient(): WeChatClient {
  return (shared ??= new WeChatClient({
    baseUrl: config.XS_WECHAT_BASE_URL,
    appId: config.XS_WECHAT_APPID,
    secret: config.XS_WECHAT_SECRET,
    envVersion: config.XS_WXA_ENV_VERSION,
  }));
}
