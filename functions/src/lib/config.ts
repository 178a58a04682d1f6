import { z } from 'zod';

/**
 * Everything the functions read from the environment, parsed once. Local defaults make
 * `npm start` work with nothing to configure; production sets each through serverless.yml.
 */
const LOCAL_DATA_KEY = 'eGluc2hlbmctbG9jYWwtZGF0YS1rZXktMzItYnl0ZXM=';

export const ZConfig = z.object({
  XS_STAGE: z.string().default('local'),
  XS_MAIN_TABLE: z.string().min(3).default('xinsheng-local-main'),
  XS_RESPONSES_TABLE: z.string().min(3).default('xinsheng-local-responses'),
  /** The insight counters: per (brand, dimension, key, day), written from the responses stream. */
  XS_INSIGHT_TABLE: z.string().min(3).default('xinsheng-local-insight'),
  /** DynamoDB Local's URL; unset on AWS. */
  XS_DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('ap-east-1'),
  /** 32 bytes, base64: encrypts store secrets, openids, phones; keys identifier hashes. */
  XS_DATA_KEY: z
    .string()
    .default(LOCAL_DATA_KEY)
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'XS_DATA_KEY must be 32 bytes, base64'),
  XS_WECHAT_BASE_URL: z.url().default('https://api.weixin.qq.com'),
  XS_WECHAT_APPID: z.string().default('wx-local-appid'),
  XS_WECHAT_SECRET: z.string().default('local-app-secret'),
  XS_SUBSCRIBE_TEMPLATE_ID: z.string().default('tmpl-survey-invitation'),
  XS_CALLBACK_TEMPLATE_ID: z.string().default('tmpl-callback-notice'),
  /** Where SMS messages go: a provider's HTTP endpoint (locally the stand-in's /sms/send). */
  XS_SMS_URL: z.url().optional(),
  /** WeCom group-robot webhook for staff notices (`…/cgi-bin/webhook/send?key=…`); unset: no robot notices. */
  XS_WECOM_ROBOT_URL: z.url().optional(),
  /** Public address of the h5 build, for receipt links: `${XS_H5_BASE_URL}/#/pages/survey/index?inv=…`. */
  XS_H5_BASE_URL: z.url().default('http://localhost:10086'),
  /** "release" for production, "trial"/"develop" for the mini-program's other versions. */
  XS_WXA_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** Signs staff tokens (HS256); at least 32 characters. Set a real secret in production. */
  XS_STAFF_TOKEN_SECRET: z.string().min(32).default('xinsheng-local-staff-token-secret-change-me'),
  XS_STAFF_TOKEN_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(480),
  /** The workbench's address, for links in staff notices: `${XS_WORKBENCH_URL}/#/staff/pages/task/index?id=…`. */
  XS_WORKBENCH_URL: z.url().default('http://localhost:10086'),
  XS_SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  /** How long answers, invitations and orders are kept (DynamoDB TTL). */
  XS_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(400),
  /**
   * How long a function instance may keep a store API key it read (catalog-repo). A revoked key is
   * refused on every instance within this many seconds: at most 60 by this schema (the admin API's promise).
   */
  XS_STORE_KEY_CACHE_SECONDS: z.coerce.number().int().min(1).max(60).default(30),
}).refine((c) => c.XS_STAGE === 'local' || c.XS_DATA_KEY !== LOCAL_DATA_KEY, {
  path: ['XS_DATA_KEY'],
  message: 'set your own XS_DATA_KEY outside the local stage (openssl rand -base64 32)',
});
export type Config = z.infer<typeof ZConfig>;

/**
 * Keys that are never set in serverless.yml: Lambda sets AWS_REGION itself (a reserved name), and
 * XS_DYNAMODB_ENDPOINT points at DynamoDB Local. Every other key reaches every deployed function.
 */
export const LOCAL_ONLY_CONFIG_KEYS: readonly string[] = ['AWS_REGION', 'XS_DYNAMODB_ENDPOINT'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const config = loadConfig();
