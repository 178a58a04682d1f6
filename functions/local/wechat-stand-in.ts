/**
 * A local stand-in for the WeChat server API, an SMS provider and the WeCom group-robot webhook.
 * It answers like the real services do (HTTP 200 with `{errcode, errmsg}`), records what was
 * sent, and lets tests look inside and inject faults through `/_inspect/*`.
 *
 * Behaviour kept from WeChat's documentation:
 * - stable_token: normal mode returns the current token with its remaining lifetime and issues a
 *   new one only in the token's last 5 minutes (the old one stays valid until it expires); force
 *   mode issues a new token and invalidates the previous one. Wrong appid 40013, secret 40125.
 * - an unknown or superseded token 40001, an expired one 42001, none 41001.
 * - jscode2session: a login code works once (40163 afterwards); an unknown code 40029.
 * - subscribe send: a one-time subscription allows one message per grant (43101 without one);
 *   template values outside their keyword's rules 47003.
 * - generate_urllink: query over 1024 characters 40212; expiry outside 1–30 days 85401.
 * - WeCom robot: markdown over 4096 bytes 40058; an empty key 93000.
 * Not modelled: force-refresh daily quota and 30 s spacing, per-minute frequency limits.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export interface WeChatStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  appId: string;
  secret: string;
  tokenTtlSeconds?: number;
  /** Clock in epoch milliseconds; tests may share a fake one with the client. */
  now?: () => number;
  /** When given, only these template ids are accepted (40037 otherwise). */
  templateIds?: string[];
}

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  at: string;
}
export interface SentSms { phone: string; text: string; at: string }
export interface SentWeCom { key: string; msgtype: string; content: string; at: string }
export interface GeneratedUrlLink {
  url_link: string;
  path: string;
  query: string;
  env_version: string;
  expiresAt?: string;
  at: string;
}
export interface StandInStats {
  stableTokenCalls: number;
  forceRefreshCalls: number;
  tokensIssued: number;
  calls: Record<string, number>;
  /** Subscribe-message sends per recipient, answered or refused (a test's own customer, whatever else runs). */
  sendsTo: Record<string, number>;
}
export interface Fault {
  path: string;
  /** The errcode to answer with; leave out to only delay. */
  errcode?: number;
  times?: number;
  /** Wait this long before answering (for client timeouts). */
  delayMs?: number;
}

export interface WeChatStandIn {
  baseUrl: string;
  port: number;
  /** The WeCom webhook address for a robot key. */
  webhookUrl(key: string): string;
  /** Where an SMS sender posts `{phone, text}`. */
  smsUrl: string;
  messages(): SentSubscribeMessage[];
  sms(): SentSms[];
  wecom(): SentWeCom[];
  urlLinks(): GeneratedUrlLink[];
  stats(): StandInStats;
  grant(openid: string, templateId: string, count?: number): void;
  fault(fault: Fault): void;
  expireTokens(): void;
  reset(): void;
  close(): Promise<void>;
}

/** The openid the stand-in gives to login code `dev-<name>`, so tests and seeds can know it beforehand. */
export function devOpenId(name: string): string {
  return `o${createHash('sha256').update(name).digest('base64url').slice(0, 27)}`;
}

export function devUnionId(name: string): string {
  return `oU${createHash('sha256').update(`union:${name}`).digest('base64url').slice(0, 26)}`;
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40058: 'invalid parameter: content exceeds 4096 bytes',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40165: 'invalid weapp pagepath',
  40212: 'invalid query',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
  85401: 'time limit between 1 day and 30 days',
  85402: 'invalid env_version',
  93000: 'invalid webhook url',
};

/** Keyword rules for subscribe-message data, written from WeChat's table independently of the client's helpers. */
function keywordProblem(key: string, value: unknown): string | undefined {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  if (!type) return 'invalid keyword';
  if (typeof value !== 'string' || value === '') return 'empty value';
  const n = Array.from(value).length;
  const chinese = /^[\u4e00-\u9fff]+$/.test(value);
  const date = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})`;
  const clock = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
  const each = (re: RegExp) => value.split('~').every((part) => re.test(part.trim()));
  const ok: Record<string, () => boolean> = {
    thing: () => n <= 20,
    number: () => n <= 32 && /^[-+]?\d+(\.\d+)?$/.test(value),
    letter: () => n <= 32 && /^[A-Za-z]+$/.test(value),
    symbol: () => n <= 5,
    character_string: () => n <= 32 && /^[\x21-\x7e]+$/.test(value),
    phrase: () => n <= 5 && chinese,
    name: () => (chinese && n <= 10) || (/^[A-Za-z ]+$/.test(value) && n <= 20),
    phone_number: () => n <= 17 && /^[\d+\-() ]+$/.test(value),
    car_number: () => n <= 8,
    amount: () => /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value),
    time: () => each(new RegExp(`^(${date}\\s*)?${clock}$`)),
    date: () => each(new RegExp(`^${date}(\\s*${clock})?$`)),
  };
  const check = ok[type];
  if (!check) return `unknown keyword type ${type}`;
  return check() ? undefined : `data.${key}.value invalid`;
}

class Answer extends Error {
  constructor(readonly errcode: number, readonly detail?: string) {
    super(ERRMSG[errcode] ?? 'error');
  }
}

const MAX_BODY = 1 << 20;

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Answer(47001, 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function jsonBody(text: string): Record<string, unknown> {
  if (!text) throw new Answer(44002);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Answer(47001);
  }
  const parsed = ZJsonObject.safeParse(value);
  if (!parsed.success) throw new Answer(47001);
  return parsed.data;
}

const ZJsonObject = z.record(z.string(), z.unknown());
/** One keyword of a subscribe message's data: `{ value }` (what the value may be is keywordProblem's to say). */
const ZKeyword = z.object({ value: z.unknown() });
const ZTemplateData = z.record(z.string(), z.object({ value: z.string() }));
const ZSubscribeOptions = z.object({
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
});
const ZWeComPayload = z.object({ content: z.unknown() });

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function startWeChatStandIn(options: WeChatStandInOptions): Promise<WeChatStandIn> {
  const now = options.now ?? Date.now;
  const ttlMs = (options.tokenTtlSeconds ?? 7200) * 1000;
  // WeChat renews a token in its last 5 minutes; a short test lifetime renews in its last half.
  const renewWithinMs = Math.min(300_000, ttlMs / 2);

  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  let current: string | undefined;
  const usedCodes = new Set<string>();
  const grants = new Map<string, number>();
  let messages: SentSubscribeMessage[] = [];
  let smsSent: SentSms[] = [];
  let wecomSent: SentWeCom[] = [];
  let urlLinks: GeneratedUrlLink[] = [];
  let faultQueue: { path: string; errcode?: number; times: number; delayMs: number }[] = [];
  const freshStats = (): StandInStats => ({ stableTokenCalls: 0, forceRefreshCalls: 0, tokensIssued: 0, calls: {}, sendsTo: {} });
  let stats = freshStats();
  let msgid = 1_000_000;

  const at = () => new Date(now()).toISOString();
  const rid = () => randomBytes(6).toString('hex');
  const grantKey = (openid: string, templateId: string) => `${openid}\n${templateId}`;

  const api = {
    grant(openid: string, templateId: string, count = 1) {
      const key = grantKey(openid, templateId);
      grants.set(key, (grants.get(key) ?? 0) + count);
    },
    fault(fault: Fault) {
      faultQueue.push({ path: fault.path, errcode: fault.errcode, times: fault.times ?? 1, delayMs: fault.delayMs ?? 0 });
    },
    expireTokens() {
      const t = now() - 1;
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, t);
      current = undefined;
    },
    reset() {
      usedCodes.clear();
      grants.clear();
      messages = [];
      smsSent = [];
      wecomSent = [];
      urlLinks = [];
      faultQueue = [];
      stats = freshStats();
    },
  };

  function issueToken(): { access_token: string; expires_in: number } {
    const token = `st.${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { expiresAt: now() + ttlMs, revoked: false });
    current = token;
    stats.tokensIssued++;
    return { access_token: token, expires_in: Math.round(ttlMs / 1000) };
  }

  function checkToken(url: URL) {
    const token = url.searchParams.get('access_token');
    if (!token) throw new Answer(41001);
    const record = tokens.get(token);
    if (!record || record.revoked) throw new Answer(40001);
    if (record.expiresAt <= now()) throw new Answer(42001);
  }

  function checkApp(appid: string | undefined, secret: string | undefined) {
    if (!appid) throw new Answer(41002);
    if (appid !== options.appId) throw new Answer(40013);
    if (!secret) throw new Answer(41004);
    if (secret !== options.secret) throw new Answer(40125);
  }

  async function route(req: IncomingMessage, url: URL): Promise<unknown> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : '';

    if (path.startsWith('/_inspect/')) return inspect(method, path, body);

    stats.calls[path] = (stats.calls[path] ?? 0) + 1;
    if (path === '/cgi-bin/stable_token') stats.stableTokenCalls++;
    const fault = faultQueue.find((f) => f.path === path && f.times > 0);
    if (fault) {
      fault.times--;
      faultQueue = faultQueue.filter((f) => f.times > 0);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.errcode !== undefined) throw new Answer(fault.errcode, 'injected');
    }

    if (method === 'POST' && path === '/cgi-bin/stable_token') {
      const b = jsonBody(body);
      if (b.grant_type !== 'client_credential') throw new Answer(40002);
      checkApp(str(b.appid), str(b.secret));
      if (b.force_refresh === true) {
        stats.forceRefreshCalls++;
        if (current) tokens.get(current)!.revoked = true;
        return issueToken();
      }
      const record = current ? tokens.get(current) : undefined;
      const remaining = record ? record.expiresAt - now() : 0;
      if (!current || !record || remaining <= renewWithinMs) return issueToken();
      return { access_token: current, expires_in: Math.floor(remaining / 1000) };
    }

    if (method === 'GET' && path === '/sns/jscode2session') {
      checkApp(url.searchParams.get('appid') ?? undefined, url.searchParams.get('secret') ?? undefined);
      if (url.searchParams.get('grant_type') !== 'authorization_code') throw new Answer(40002);
      const code = url.searchParams.get('js_code');
      if (!code) throw new Answer(41008);
      // `dev-<name>` or `dev-<name>~<nonce>`: the name fixes the consumer (openid), the nonce makes a
      // fresh one-time code, the way each wx.login gives a new code for the same user.
      const name = /^dev-([A-Za-z0-9_.-]{1,64})(~[A-Za-z0-9_-]{1,32})?$/.exec(code)?.[1];
      if (!name) throw new Answer(40029);
      if (usedCodes.has(code)) throw new Answer(40163);
      usedCodes.add(code);
      return { openid: devOpenId(name), session_key: randomBytes(16).toString('base64'), unionid: devUnionId(name) };
    }

    if (method === 'POST' && path === '/cgi-bin/message/subscribe/send') {
      checkToken(url);
      const b = jsonBody(body);
      const touser = str(b.touser);
      const templateId = str(b.template_id);
      if (!touser) throw new Answer(40003);
      stats.sendsTo[touser] = (stats.sendsTo[touser] ?? 0) + 1;
      if (!templateId || (options.templateIds && !options.templateIds.includes(templateId))) throw new Answer(40037);
      const entries = ZJsonObject.safeParse(b.data);
      if (!entries.success || Object.keys(entries.data).length === 0) throw new Answer(47003, 'data missing');
      for (const [key, entry] of Object.entries(entries.data)) {
        const problem = keywordProblem(key, ZKeyword.safeParse(entry).data?.value);
        if (problem) throw new Answer(47003, problem);
      }
      const data = ZTemplateData.safeParse(entries.data);
      if (!data.success) throw new Answer(47003, 'data');
      const extras = ZSubscribeOptions.safeParse({ miniprogram_state: b.miniprogram_state, lang: b.lang });
      if (!extras.success) throw new Answer(47001, String(extras.error.issues[0]?.path[0]));
      const key = grantKey(touser, templateId);
      const left = grants.get(key) ?? 0;
      if (left <= 0) throw new Answer(43101);
      grants.set(key, left - 1);
      messages.push({
        touser,
        template_id: templateId,
        ...(str(b.page) !== undefined ? { page: str(b.page) } : {}),
        data: data.data,
        ...(extras.data.miniprogram_state ? { miniprogram_state: extras.data.miniprogram_state } : {}),
        ...(extras.data.lang ? { lang: extras.data.lang } : {}),
        at: at(),
      });
      return { errcode: 0, errmsg: 'ok', msgid: msgid++ };
    }

    if (method === 'POST' && path === '/wxa/generate_urllink') {
      checkToken(url);
      const b = jsonBody(body);
      const linkPath = str(b.path) ?? '';
      const query = str(b.query) ?? '';
      const envVersion = str(b.env_version) ?? 'release';
      if (linkPath.includes('?')) throw new Answer(40165);
      if (query.length > 1024) throw new Answer(40212);
      if (!['release', 'trial', 'develop'].includes(envVersion)) throw new Answer(85402);
      let expiresAt: string | undefined;
      if (b.is_expire === true) {
        const interval = b.expire_interval;
        if (b.expire_type === 1) {
          if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > 30) throw new Answer(85401);
          expiresAt = new Date(now() + interval * 86_400_000).toISOString();
        } else {
          const expireTime = b.expire_time;
          if (typeof expireTime !== 'number' || expireTime * 1000 <= now() || expireTime * 1000 > now() + 30 * 86_400_000) {
            throw new Answer(85401);
          }
          expiresAt = new Date(expireTime * 1000).toISOString();
        }
      }
      const link: GeneratedUrlLink = {
        url_link: `https://wxaurl.cn/${randomBytes(9).toString('base64url')}`,
        path: linkPath,
        query,
        env_version: envVersion,
        ...(expiresAt ? { expiresAt } : {}),
        at: at(),
      };
      urlLinks.push(link);
      return { errcode: 0, errmsg: 'ok', url_link: link.url_link };
    }

    if (method === 'POST' && path === '/sms/send') {
      const b = jsonBody(body);
      const phone = str(b.phone);
      const text = str(b.text);
      if (!phone || !/^\+?\d{6,15}$/.test(phone)) return { ok: false, errcode: 40003, errmsg: 'invalid phone' };
      if (!text) return { ok: false, errcode: 47001, errmsg: 'empty text' };
      smsSent.push({ phone, text, at: at() });
      return { ok: true, errcode: 0, errmsg: 'ok', messageId: `sms-${smsSent.length}` };
    }

    if (method === 'POST' && path === '/cgi-bin/webhook/send') {
      const key = url.searchParams.get('key');
      if (!key) throw new Answer(93000);
      const b = jsonBody(body);
      const msgtype = str(b.msgtype);
      const payload = msgtype ? ZWeComPayload.safeParse(b[msgtype]).data : undefined;
      if (msgtype !== 'markdown' && msgtype !== 'text') throw new Answer(40008);
      const content = str(payload?.content);
      if (!content) throw new Answer(44002);
      const maxBytes = msgtype === 'markdown' ? 4096 : 2048;
      if (Buffer.byteLength(content, 'utf8') > maxBytes) throw new Answer(40058);
      wecomSent.push({ key, msgtype, content, at: at() });
      return { errcode: 0, errmsg: 'ok' };
    }

    return undefined;
  }

  function inspect(method: string, path: string, body: string): unknown {
    const b = method === 'POST' && body ? jsonBody(body) : {};
    switch (`${method} ${path}`) {
      case 'GET /_inspect/messages':
        return messages;
      case 'GET /_inspect/sms':
        return smsSent;
      case 'GET /_inspect/wecom':
        return wecomSent;
      case 'GET /_inspect/urllinks':
        return urlLinks;
      case 'GET /_inspect/stats':
        return stats;
      case 'POST /_inspect/grant': {
        const openid = str(b.openid);
        const templateId = str(b.template_id);
        if (!openid || !templateId) throw new Answer(47001, 'openid and template_id are required');
        api.grant(openid, templateId, typeof b.count === 'number' ? b.count : 1);
        return { errcode: 0, errmsg: 'ok' };
      }
      case 'POST /_inspect/faults': {
        const faultPath = str(b.path);
        if (!faultPath || (b.errcode !== undefined && typeof b.errcode !== 'number')) throw new Answer(47001, 'path and a numeric errcode');
        api.fault({
          path: faultPath,
          ...(typeof b.errcode === 'number' ? { errcode: b.errcode } : {}),
          times: typeof b.times === 'number' ? b.times : 1,
          ...(typeof b.delayMs === 'number' ? { delayMs: b.delayMs } : {}),
        });
        return { errcode: 0, errmsg: 'ok' };
      }
      case 'POST /_inspect/expire-tokens':
        api.expireTokens();
        return { errcode: 0, errmsg: 'ok' };
      case 'POST /_inspect/reset':
        api.reset();
        return { errcode: 0, errmsg: 'ok' };
      default:
        return undefined;
    }
  }

  const send = (res: ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    route(req, url).then(
      (value) => (value === undefined ? send(res, 404, { errcode: 404, errmsg: `no such endpoint: ${req.method} ${url.pathname}` }) : send(res, 200, value)),
      (error: unknown) => {
        if (error instanceof Answer) {
          const errmsg = `${error.message}${error.detail ? ` (${error.detail})` : ''} rid: ${rid()}`;
          send(res, 200, url.pathname === '/sms/send' ? { ok: false, errcode: error.errcode, errmsg } : { errcode: error.errcode, errmsg });
        } else {
          send(res, 500, { errcode: -1, errmsg: 'stand-in failure' });
        }
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    baseUrl,
    port,
    smsUrl: `${baseUrl}/sms/send`,
    webhookUrl: (key) => `${baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    messages: () => structuredClone(messages),
    sms: () => structuredClone(smsSent),
    wecom: () => structuredClone(wecomSent),
    urlLinks: () => structuredClone(urlLinks),
    stats: () => structuredClone(stats),
    ...api,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive: without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
