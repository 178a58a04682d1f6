/** The capacity meter the benchmark relies on: real ConsumedCapacity from DynamoDB Local, summed. */
import { answer, consumerSession, receiptInvitation, stack, submit } from './helpers';
import { takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';

it('a submit consumes write units for the response and the invitation (a two-item transaction)', async () => {
  const { token } = await receiptInvitation();
  const session = await consumerSession();
  await takeConsumedCapacity(stack.faultProxyEndpoint);
  expect((await submit(session, answer(token, { nps: 9 }))).status).toBe(201);
  const used = await takeConsumedCapacity(stack.faultProxyEndpoint);
  // A transactional write costs 2 WCU per KB-item: two items → at least 4.
  expect(used.write).toBeGreaterThanOrEqual(4);
  expect(used.read).toBeGreaterThan(0);
});
