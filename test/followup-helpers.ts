import { randomUUID } from 'node:crypto';
import { postTrigger } from '../functions/local/store-client';
import { testStack, type TestStack } from './stack-info';

/** Helpers for the follow-up and staff tests: a customer's whole path to a stored answer, over HTTP. */
export const stack: TestStack = testStack();
export const api = stack.apiBaseUrl;
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

export async function http(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

export interface Answered {
  invitationId: string;
  responseId: string;
  followUp: { callback: boolean; slaHours?: number };
}

/** A store's receipt trigger, a consumer's session and their answer: the stored response's id. */
export async function answerAsCustomer(
  answers: Record<string, unknown>,
  options: { storeId?: string; touchpoint?: string; phone?: string } = {},
): Promise<Answered> {
  const storeId = options.storeId ?? 'sh-001';
  const key = stack.storeKeys.find((k) => k.storeId === storeId);
  if (!key) throw new Error(`no key for ${storeId}`);
  const trigger = await postTrigger(api, key, {
    storeId,
    orderId: unique('order'),
    touchpoint: options.touchpoint ?? 'in_store',
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    customer: options.phone ? { phone: options.phone } : {},
    staffId: `${storeId}-staff`,
    channel: 'receipt',
  });
  if (trigger.status !== 202) throw new Error(`trigger: ${trigger.status} ${JSON.stringify(trigger.body)}`);
  const url = String(trigger.body.surveyUrl).replace('/#/', '/');
  const invitationToken = decodeURIComponent(new URL(url).searchParams.get('inv') ?? '');
  const session = await http('POST', '/v1/session', undefined, { code: `dev-${unique('customer')}` });
  if (session.status !== 200) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
  const submitted = await http('POST', '/v1/responses', session.body.token, { invitationToken, clientResponseId: unique('client'), answers });
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { invitationId: String(trigger.body.invitationId), responseId: submitted.body.responseId, followUp: submitted.body.followUp };
}

/** Polls until `probe` returns something (or the deadline passes): the answer and how long it took. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000, everyMs = 100): Promise<{ value: T | undefined; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs) return { value: undefined, ms: Date.now() - start };
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function wecomSent(): Promise<{ key: string; msgtype: string; content: string; at: string }[]> {
  const res = await fetch(`${stack.wechatBaseUrl}/_inspect/wecom`);
  return (await res.json()) as any;
}
