import { randomUUID } from 'node:crypto';
import { postTrigger, signedHeaders, type StoreCredentials } from '../functions/local/store-client';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { testStack } from './stack-info';

/** Shared by the integration tests: the running stack and the calls a store, a consumer and a test make. */
export const stack = testStack();
export const api = stack.apiBaseUrl;
export const storeKey = (storeId = 'sh-001'): StoreCredentials => {
  const key = stack.storeKeys.find((k) => k.storeId === storeId);
  if (!key) throw new Error(`no key for ${storeId}`);
  return key;
};

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

let phones = 0;
/** A mainland mobile number no other test uses (fatigue and opt-outs are per customer, and the suites share one stack). */
export const uniquePhone = (prefix = '139') => `${prefix}${String(Date.now() % 1e6).padStart(6, '0')}${String(phones++ % 100).padStart(2, '0')}`;
/** How a person sees a phone: `138****5678`. */
export const maskedPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

export function triggerBody(overrides: Record<string, unknown> = {}) {
  return {
    storeId: 'sh-001',
    orderId: unique('order'),
    touchpoint: 'in_store',
    occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    customer: { openid: devOpenId(unique('shopper')) },
    staffId: 'sh-001-wang',
    amountFen: 12_800,
    ...overrides,
  };
}

export const trigger = (body: Record<string, unknown>, key = storeKey(String(body.storeId ?? 'sh-001'))) => postTrigger(api, key, body);

/** POST with a store signature over exactly these bytes (for tests that tamper with one part). */
export async function signedPost(path: string, body: string, key: StoreCredentials, patch: Record<string, string> = {}, at = new Date()) {
  const res = await fetch(`${api}${path}`, { method: 'POST', headers: { ...signedHeaders(key, 'POST', path, body, at), ...patch }, body });
  return { status: res.status, body: (await res.json()) as any };
}

export const tokenFromUrl = (url: string) => decodeURIComponent(new URL(url.replace('/#/', '/')).searchParams.get('inv') ?? '');
export const tokenFromPage = (page: string) => decodeURIComponent(new URLSearchParams(page.split('?')[1]).get('inv') ?? '');

/** A receipt invitation: ready at once, not bound to an openid. */
export async function receiptInvitation(overrides: Record<string, unknown> = {}) {
  const res = await trigger(triggerBody({ channel: 'receipt', customer: {}, ...overrides }));
  if (res.status !== 202) throw new Error(`trigger: ${res.status} ${JSON.stringify(res.body)}`);
  return { invitationId: String(res.body.invitationId), token: tokenFromUrl(String(res.body.surveyUrl)), body: res.body };
}

/** A consumer signs in the way the mini-program does (the stand-in accepts `dev-<name>` codes). */
export async function consumerSession(name = unique('consumer')): Promise<string> {
  const res = await fetch(`${api}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev-${name}` }) });
  const body = (await res.json()) as { token: string };
  if (res.status !== 200) throw new Error(`session: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

export async function call(method: string, path: string, session?: string, body?: unknown) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

export const submit = (session: string, body: Record<string, unknown>) => call('POST', '/v1/responses', session, body);
export const answer = (token: string, answers: Record<string, unknown>, clientResponseId = unique('client')) => ({ invitationToken: token, clientResponseId, answers });

export async function inspect<T = any>(path: string): Promise<T> {
  const res = await fetch(`${stack.wechatBaseUrl}/_inspect/${path}`);
  return (await res.json()) as T;
}
export async function inspectPost(path: string, body: unknown) {
  const res = await fetch(`${stack.wechatBaseUrl}/_inspect/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}
