import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { withLogContext } from '../lib/logger';
import { processInOrder } from '../lib/stream-batch';
import { streamedNoticeChange } from '../data/callback-notice-repo';
import { wechatClient } from '../channels/wechat/client';
import { sendCallbackNotice, type CallbackNoticeDeps, type NoticeResult } from './callback-notice';

/**
 * One main-table stream record → the callback notice of its answer, if it is due: a task that was
 * reached or resolved, or a grant waiting to be spent (recorded after the event, or given back after
 * a busy WeChat). Anything else in the table is passed over without a read.
 */
export async function processNoticeRecord(record: DynamoDBRecord, deps: CallbackNoticeDeps): Promise<NoticeResult | 'skipped'> {
  const change = streamedNoticeChange(record);
  if (change.kind === 'other') return 'skipped';
  if (change.kind === 'task' && !change.reached && !change.resolved) return 'skipped';
  if (change.kind === 'grant' && change.state !== 'granted') return 'skipped';
  return sendCallbackNotice(change.responseId, deps);
}

/**
 * The callback-notice function: the main table's stream (in AWS filtered to task items that were
 * reached or resolved and to grants in state `granted`; locally fed every record by the poller).
 * It runs beside the staff API, never in it: a task's claim, attempt and resolve do not wait for WeChat.
 */
export function createCallbackNoticeHandler(deps: CallbackNoticeDeps) {
  return withLogContext(
    async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
      processInOrder(event.Records ?? [], (record) => processNoticeRecord(record, deps), 'callback notice'),
  );
}

export const handler = createCallbackNoticeHandler({ wechat: wechatClient(), now: () => new Date() });
