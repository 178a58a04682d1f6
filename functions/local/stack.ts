import { join } from 'node:path';
import { physicalTableName } from '@xinsheng/infra';
import { createTables, startDynamoDbLocal } from './dynamodb-local';
import { startDynamoDbFaultProxy } from './dynamodb-fault-proxy';
import { startServerlessOffline } from './serverless-offline';
import { startWeChatStandIn } from './wechat-stand-in';
import type { DemoStoreKey } from './seed';
import type { DemoStaff } from './seed-followup';
import type { LocalStreams } from './stream-poller';
import type { SeedHistoryResult } from './seed-history';

export const ROOT = join(__dirname, '..', '..');
export const LOCAL_APP_ID = 'wx-local-appid';
export const LOCAL_APP_SECRET = 'local-app-secret';
export const SURVEY_TEMPLATE_ID = 'tmpl-survey-invitation';
/** The callback-notice template a detractor may opt in to (XS_CALLBACK_TEMPLATE_ID). */
export const CALLBACK_TEMPLATE_ID = 'tmpl-callback-notice';

export interface StackOptions {
  apiPort: number;
  lambdaPort: number;
  dynamoPort: number;
  wechatPort: number;
  h5BaseUrl: string;
  /** Persist DynamoDB Local's data here; in memory when unset. */
  dataDir?: string;
  /** Run the dispatch schedule every minute (npm start); tests run it by hand. */
  runSchedules: boolean;
  /** Feed the responses table's stream to the follow-up and aggregate handlers (default on; npm start and tests). */
  runStreamPoller?: boolean;
  /**
   * npm start only: seed the demo brand's 90 days of history (seed-history.ts) once the stream
   * pollers run, and wait until the aggregation has counted it. Tests count things: they never do.
   */
  seedHistory?: boolean;
  /** Progress lines of the history seed. */
  onProgress?: (line: string) => void;
  /** Tests only: put a fault-injecting proxy between the functions and DynamoDB Local on this port. */
  faultProxyPort?: number;
  /** Tests only: how long an instance keeps a store key (default 30 s), so a revocation is seen in seconds. */
  storeKeyCacheSeconds?: number;
  logDir: string;
}

export interface LocalStack {
  apiBaseUrl: string;
  dynamoEndpoint: string;
  /** DynamoDB Local's database folder (a scratch folder on the RAM disk unless dataDir was given). */
  dynamoDataDir?: string;
  /** The proxy the functions talk to when faultProxyPort was given. */
  faultProxyEndpoint?: string;
  wechatBaseUrl: string;
  storeKeys: DemoStoreKey[];
  surveyIds: string[];
  /** Demo staff accounts with their passwords (for .xinsheng/demo.json `staff`). */
  staff: DemoStaff[];
  /** The environment the functions run with; set on this process too. */
  env: Record<string, string>;
  /** The streams' local readers and their consumers, when they run (the bench waits on them to catch up). */
  streams?: LocalStreams;
  /** What the history seed did (seedHistory). */
  history?: SeedHistoryResult;
  stop(): Promise<void>;
}

type Stoppable = { stop(): Promise<void> };

/**
 * The functions' environment on the local stage: what serverless-offline hands every function, and
 * what this process sets on itself before it imports them (stream consumers, seeds, bench workers).
 */
export function localFunctionEnv(where: {
  dynamoEndpoint: string; wechatBaseUrl: string; h5BaseUrl: string; apiPort: number; lambdaPort: number; storeKeyCacheSeconds?: number;
}): Record<string, string> {
  return {
    XS_STAGE: 'local',
    XS_DYNAMODB_ENDPOINT: where.dynamoEndpoint,
    XS_MAIN_TABLE: 'xinsheng-local-main',
    XS_RESPONSES_TABLE: 'xinsheng-local-responses',
    XS_INSIGHT_TABLE: 'xinsheng-local-insight',
    XS_WECHAT_BASE_URL: where.wechatBaseUrl,
    XS_WECHAT_APPID: LOCAL_APP_ID,
    XS_WECHAT_SECRET: LOCAL_APP_SECRET,
    XS_SUBSCRIBE_TEMPLATE_ID: SURVEY_TEMPLATE_ID,
    XS_CALLBACK_TEMPLATE_ID: CALLBACK_TEMPLATE_ID,
    XS_SMS_URL: `${where.wechatBaseUrl}/sms/send`,
    XS_WECOM_ROBOT_URL: `${where.wechatBaseUrl}/cgi-bin/webhook/send?key=local-robot`,
    XS_H5_BASE_URL: where.h5BaseUrl,
    XS_WORKBENCH_URL: where.h5BaseUrl,
    XS_WXA_ENV_VERSION: 'develop',
    ...(where.storeKeyCacheSeconds ? { XS_STORE_KEY_CACHE_SECONDS: String(where.storeKeyCacheSeconds) } : {}),
    XS_API_PORT: String(where.apiPort),
    XS_LAMBDA_PORT: String(where.lambdaPort),
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
  };
}

/**
 * The whole loop on one machine: DynamoDB Local with the tables of infra/, the WeChat stand-in,
 * the demo brand, the HTTP API under serverless-offline and (optionally) the schedules.
 */
export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const running: Stoppable[] = [];
  const stop = async () => {
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoDbLocal({ port: options.dynamoPort, dataDir: options.dataDir });
    running.push(dynamo);
    await createTables(dynamo.endpoint, (t) => physicalTableName(t, 'xinsheng', 'local'));
    const proxy = options.faultProxyPort ? await startDynamoDbFaultProxy({ port: options.faultProxyPort, target: dynamo.endpoint }) : undefined;
    if (proxy) running.push(proxy);

    const wechat = await startWeChatStandIn({ port: options.wechatPort, appId: LOCAL_APP_ID, secret: LOCAL_APP_SECRET });
    running.push({ stop: async () => wechat.close() });

    const env = localFunctionEnv({
      dynamoEndpoint: proxy?.endpoint ?? dynamo.endpoint, wechatBaseUrl: wechat.baseUrl, h5BaseUrl: options.h5BaseUrl,
      apiPort: options.apiPort, lambdaPort: options.lambdaPort, storeKeyCacheSeconds: options.storeKeyCacheSeconds,
    });
    // The functions' config is parsed when their modules load: set the environment first, then import.
    Object.assign(process.env, env);
    const { seedDemoBrand } = await import('./seed');
    const seeded = await seedDemoBrand();

    // serverless-offline answers on the next port; the front door on the API port streams what
    // offline cannot (functions/local/api-front.ts) and passes everything else through.
    const offline = await startServerlessOffline({ port: options.apiPort + 1, lambdaPort: options.lambdaPort, env, logFile: join(options.logDir, 'api.log') });
    running.push(offline);
    const { startApiFront } = await import('./api-front');
    const { STREAMING_ROUTES } = await import('./streaming-routes');
    const api = await startApiFront({ port: options.apiPort, upstreamPort: options.apiPort + 1, routes: STREAMING_ROUTES });
    running.push(api);

    let streams: LocalStreams | undefined;
    if (options.runStreamPoller ?? true) {
      const { startLocalStreams } = await import('./stream-poller');
      streams = await startLocalStreams(dynamo.endpoint, { responses: env.XS_RESPONSES_TABLE, main: env.XS_MAIN_TABLE });
      running.push(streams);
    }

    let history: SeedHistoryResult | undefined;
    if (options.seedHistory) {
      if (!streams) throw new Error('seedHistory needs the stream pollers (runStreamPoller)');
      const { seedDemoHistory } = await import('./seed-history');
      history = await seedDemoHistory({ onProgress: options.onProgress });
    }

    if (options.runSchedules) {
      const { startSchedules } = await import('./schedules');
      running.push(startSchedules());
    }

    return { apiBaseUrl: api.baseUrl, dynamoEndpoint: dynamo.endpoint, dynamoDataDir: dynamo.dataDir, faultProxyEndpoint: proxy?.endpoint, wechatBaseUrl: wechat.baseUrl, storeKeys: seeded.storeKeys, surveyIds: seeded.surveyIds, staff: seeded.staff, env, streams, history, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
