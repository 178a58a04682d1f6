import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from './dynamo';
import { withoutSdkLogging } from './sdk-logging';

const hasLogger = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().some((name) => name.startsWith('loggerMiddleware'));
const local = () => new DynamoDBClient({ region: 'ap-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

describe('withoutSdkLogging', () => {
  it('takes the logger middleware out of a client that has it, and out of its document client', () => {
    const client = local();
    expect(hasLogger(client)).toBe(true);
    const document = DynamoDBDocumentClient.from(withoutSdkLogging(client));
    expect(hasLogger(client)).toBe(false);
    expect(hasLogger(document)).toBe(false);
    client.destroy();
  });

  it('is gone from the functions\' own client', () => {
    expect(hasLogger(dynamoClient)).toBe(false);
  });

  it('leaves the rest of the stack as it was', () => {
    const client = local();
    const before = client.middlewareStack.identify().filter((name) => !name.startsWith('loggerMiddleware'));
    expect(withoutSdkLogging(client).middlewareStack.identify()).toEqual(before);
    client.destroy();
  });
});
