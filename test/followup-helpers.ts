import { api, call, consumerSession, inspect, receiptInvitation, stack, unique } from './helpers';

/** Helpers for the follow-up and staff tests, on top of the pipeline's (test/helpers.ts). */
export { api, stack, unique };

export const http = (method: string, path: string, token?: string, body?: unknown) => call(method, path, token, body);

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
  const { invitationId, token: invitationToken } = await receiptInvitation({
    storeId,
    touchpoint: options.touchpoint ?? 'in_store',
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    customer: options.phone ? { phone: options.phone } : {},
    staffId: `${storeId}-staff`,
  });
  const submitted = await http('POST', '/v1/responses', await consumerSession(), { invitationToken, clientResponseId: unique('client'), answers });
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { invitationId, responseId: submitted.body.responseId, followUp: submitted.body.followUp };
}

/**
 * Every task a staff token lists for a query, following nextCursor: other suites of the same run
 * make tasks too, and the one a test looks for is due last, so it may be past the first page.
 */
export async function listAllTasks(token: string, query = '', pageSize = 100): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const res = await http('GET', `/v1/tasks?limit=${pageSize}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    if (res.status !== 200) throw new Error(`GET /v1/tasks?${query}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.items.length > pageSize) throw new Error(`GET /v1/tasks: ${res.body.items.length} items on a page of ${pageSize}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
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

export const wecomSent = () => inspect<{ key: string; msgtype: string; content: string; at: string }[]>('wecom');
