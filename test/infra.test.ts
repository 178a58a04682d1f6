/**
 * The deployable artefacts: `serverless package` works offline and its CloudFormation template holds the
 * tables (one definition, from infra/), the stream, the schedules and every function; the committed
 * OpenAPI document is the one generated from the zod schemas, and it lints clean.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tables } from '@xinsheng/infra';
import { OPENAPI_PATH, renderOpenApi } from '../scripts/openapi';
import { LOCAL_ONLY_CONFIG_KEYS, ZConfig, loadConfig } from '../functions/src/lib/config';
import { AGGREGATE_BATCH_SIZE, AGGREGATE_PARALLELIZATION, CALLBACK_NOTICE_PARALLELIZATION, FOLLOW_UP_PARALLELIZATION } from '../functions/local/stream-poller';

const ROOT = join(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

/** What a real deploy environment provides (secrets from the CI's store / SSM): none of it committed. */
const DEPLOY_ENV: Record<string, string> = {
  XS_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  XS_STAFF_TOKEN_SECRET: 'deploy-environment-staff-token-secret-0123456789',
  XS_WECHAT_APPID: 'wx0123456789abcdef',
  XS_WECHAT_SECRET: 'deploy-environment-wechat-secret',
  XS_SUBSCRIBE_TEMPLATE_ID: 'tmpl-deploy-survey',
  XS_CALLBACK_TEMPLATE_ID: 'tmpl-deploy-callback',
  XS_SMS_URL: 'https://sms.example.cn/send?key=deploy',
  XS_WECOM_ROBOT_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=deploy',
  XS_H5_BASE_URL: 'https://survey.example.cn',
  XS_WORKBENCH_URL: 'https://survey.example.cn',
};

/** Runs the serverless CLI offline; what it printed (stdout, and both), or an Error carrying it. */
function serverless(args: string[], env: Record<string, string>): { stdout: string; output: string } {
  // Only the given settings: the local stack's own XS_* (set for the test run) must not leak in.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XS_')));
  const run = spawnSync(bin('serverless'), args, {
    cwd: ROOT,
    env: { ...inherited, XS_ESBUILD_WORK_FOLDER: `.esbuild/package-${process.pid}`, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'xinsheng-no-such-profile', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`serverless ${args.join(' ')} exited ${run.status}:\n${output}`);
  return { stdout: run.stdout, output };
}

type Template = { Resources: Record<string, { Type: string; Properties: any }> };

function packageTemplate(out: string, region: string): { template: Template; output: string } {
  const { output } = serverless(['package', '--stage', 'prod', '--region', region, '--package', out], DEPLOY_ENV);
  return { template: JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')), output };
}

/** Every string in a template, with the path that leads to it. */
function strings(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe('serverless package (offline)', () => {
  const out = mkdtempSync(join(tmpdir(), 'xinsheng-package-'));
  let template: Template;
  let output = '';
  beforeAll(() => {
    ({ template, output } = packageTemplate(out, 'ap-east-1'));
  }, 200_000);

  it('warns of nothing but the one known schema gap: serverless@3 does not list runtimes after nodejs20.x', () => {
    const warnings = output.split('\n').filter((line) => /warning|invalid configuration|at '/i.test(line));
    expect(warnings.join('\n')).toMatch(/at 'provider\.runtime': must be equal to one of the allowed values/);
    expect(warnings.filter((line) => !/^Warning: Invalid configuration encountered$|^at 'provider\.runtime': /.test(line.trim()))).toEqual([]);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

  it('has the tables of infra/tables.json, on demand, with TTL, the responses stream and the GSIs', () => {
    for (const table of tables) {
      const resource = template.Resources[table.logicalId];
      expect(resource.Type).toBe('AWS::DynamoDB::Table');
      expect(resource.Properties.TableName).toBe(`xinsheng-prod-${table.suffix}`);
      expect(resource.Properties.KeySchema).toEqual(table.keySchema);
      expect(resource.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
      expect(resource.Properties.GlobalSecondaryIndexes ?? []).toEqual(table.globalSecondaryIndexes);
    }
    expect(template.Resources.ResponsesTable.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('has the HTTP API functions, the dispatch schedule and the stream mapping', () => {
    const functions = ofType('AWS::Lambda::Function').map(([, r]) => r.Properties);
    expect(functions.every((f) => f.Runtime === 'nodejs24.x')).toBe(true);
    expect(ofType('AWS::Lambda::Function').map(([id]) => id)).toEqual(
      expect.arrayContaining(['PostTriggerLambdaFunction', 'PostSessionLambdaFunction', 'GetInvitationLambdaFunction', 'PostResponseLambdaFunction', 'DispatchLambdaFunction']),
    );
    // The four scheduled functions, each on an enabled rule every minute (the local stage turns them off: below).
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules.map((r) => [r.ScheduleExpression, r.State])).toEqual(Array(4).fill(['rate(1 minute)', 'ENABLED']));
    expect(rules.map((r) => JSON.stringify(r.Targets[0].Arn)).sort()).toEqual(
      ['DispatchLambdaFunction', 'EscalateLambdaFunction', 'PrivacyErasureLambdaFunction', 'WebhookSenderLambdaFunction'].map((id) => expect.stringContaining(id)),
    );
    const streams = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    // follow-up, aggregate and the webhooks' own consumer (it only queues deliveries) on the responses stream;
    // the callback notice and the webhooks' task events on the main table's.
    expect(streams).toHaveLength(5);
    const on = (table: string) => streams.filter((s) => JSON.stringify(s.EventSourceArn).includes(table));
    expect(on('ResponsesTable')).toHaveLength(3);
    // The callback notice reads the main table's stream, filtered to reached/resolved tasks and waiting grants;
    // the webhooks read it through a mapping of their own (task.created, task.resolved).
    expect(on('MainTable').map((s) => JSON.stringify(s.FunctionName)).sort()).toEqual([
      expect.stringContaining('CallbackNoticeLambdaFunction'),
      expect.stringContaining('WebhookTaskEventsLambdaFunction'),
    ]);
    const of = (functionId: string) => streams.find((s) => JSON.stringify(s.FunctionName).includes(functionId));
    // The local pollers mimic them (functions/local/stream-poller.ts).
    expect(of('FollowUpLambdaFunction').ParallelizationFactor).toBe(FOLLOW_UP_PARALLELIZATION);
    const aggregate = of('AggregateLambdaFunction');
    expect(aggregate).toMatchObject({
      ParallelizationFactor: AGGREGATE_PARALLELIZATION, BatchSize: AGGREGATE_BATCH_SIZE, MaximumBatchingWindowInSeconds: 300,
      StartingPosition: 'TRIM_HORIZON', FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 5,
      // The window is there for the shardId it puts on each event: the watermarks are per shard.
      TumblingWindowInSeconds: 60,
    });
    expect(JSON.stringify(aggregate.DestinationConfig)).toContain('AggregateDeadLetterQueue');
    expect(aggregate.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([{ eventName: ['INSERT'] }]);
  });

  it('gives the callback notice the main table\'s stream, filtered, its own DLQ, and no more table access than it uses', () => {
    expect(template.Resources.MainTable.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    const mapping = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties).find((s) => JSON.stringify(s.FunctionName).includes('CallbackNoticeLambdaFunction'));
    expect(mapping).toMatchObject({ ParallelizationFactor: CALLBACK_NOTICE_PARALLELIZATION, FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 5 });
    expect(JSON.stringify(mapping.DestinationConfig)).toContain('CallbackNoticeDeadLetterQueue');
    const patterns = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toHaveLength(3);
    expect(JSON.stringify(patterns)).not.toContain('NONCE');
    const statements = template.Resources.CallbackNoticeRole.Properties.Policies[0].PolicyDocument.Statement;
    const on = (logicalId: string) => statements.filter((s: { Resource: unknown }) => JSON.stringify(s.Resource).includes(`"${logicalId}"`)).flatMap((s: { Action: string[] }) => s.Action);
    expect(on('MainTable').filter((a: string) => !a.includes('Stream') && !a.includes('GetRecords') && !a.includes('ShardIterator')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(on('ResponsesTable')).toEqual([]);
    const post = template.Resources.PostCallbackNoticeRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(post.filter((s: { Resource: unknown }) => JSON.stringify(s.Resource).includes('"ResponsesTable"')).flatMap((s: { Action: string[] }) => s.Action)).toEqual(['dynamodb:GetItem']);
  });

  it('gives the webhooks\' task events their own consumer of the main table\'s stream: task items only, its own DLQ and role, queue-only access', () => {
    const mapping = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties).find((s) => JSON.stringify(s.FunctionName).includes('WebhookTaskEventsLambdaFunction'));
    expect(JSON.stringify(mapping.EventSourceArn)).toContain('MainTable');
    expect(mapping).toMatchObject({ StartingPosition: 'LATEST', FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 5, BisectBatchOnFunctionError: true });
    expect(JSON.stringify(mapping.DestinationConfig)).toContain('WebhookTaskEventsDeadLetterQueue');
    expect(template.Resources.WebhookTaskEventsDeadLetterQueue.Type).toBe('AWS::SQS::Queue');
    const patterns = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: ['TASK'] } } } },
      { dynamodb: { Keys: { sk: { S: ['TASK'] } }, NewImage: { status: { S: ['resolved'] } } } },
    ]);
    expect(template.Resources.WebhookTaskEventsLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['WebhookTaskEventsRole', 'Arn'] });
    const statements = template.Resources.WebhookTaskEventsRole.Properties.Policies[0].PolicyDocument.Statement;
    const on = (logicalId: string) => statements.filter((s: { Resource: unknown }) => JSON.stringify(s.Resource).includes(`"${logicalId}"`)).flatMap((s: { Action: string[] }) => s.Action);
    expect(on('MainTable').sort()).toEqual([
      'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'dynamodb:PutItem', 'dynamodb:Query',
    ]);
    expect(on('ResponsesTable')).toEqual([]);
    expect(on('WebhookTaskEventsDeadLetterQueue')).toEqual(['sqs:SendMessage']);
  });

  it('lets the aggregate function write only the insight table and read only what it needs', () => {
    const statements = template.Resources.AggregateRole.Properties.Policies[0].PolicyDocument.Statement;
    const on = (logicalId: string) => statements.filter((s: { Resource: unknown }) => JSON.stringify(s.Resource).includes(`"${logicalId}"`)).flatMap((s: { Action: string[] }) => s.Action);
    expect(on('InsightTable').sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(on('MainTable')).toEqual(['dynamodb:GetItem']);
    expect(on('ResponsesTable')).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
  });

  it('gives each function its own role (least privilege), never a wildcard on DynamoDB', () => {
    const functions = ofType('AWS::Lambda::Function').map(([, r]) => r.Properties);
    const roles = new Set(functions.map((f) => JSON.stringify(f.Role)));
    expect(roles.size).toBeGreaterThan(5);
    for (const [, role] of ofType('AWS::IAM::Role')) {
      for (const policy of role.Properties.Policies ?? []) {
        for (const statement of policy.PolicyDocument.Statement) {
          expect(statement.Action).not.toContain('dynamodb:*');
          expect(statement.Action).not.toContain('dynamodb:Scan');
          expect(statement.Resource).not.toBe('*');
        }
      }
    }
  });

  it('sets every setting the functions read in every function, from the deploy environment', () => {
    const wanted = Object.keys(ZConfig.shape).filter((key) => !LOCAL_ONLY_CONFIG_KEYS.includes(key));
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(10);
    for (const [id, resource] of functions) {
      const variables: Record<string, string> = resource.Properties.Environment?.Variables ?? {};
      expect({ id, missing: wanted.filter((key) => variables[key] === undefined || variables[key] === '') }).toEqual({ id, missing: [] });
      for (const [key, value] of Object.entries(DEPLOY_ENV)) expect(variables[key]).toBe(value);
      // What the template holds parses as the functions will parse it on Lambda.
      expect(() => loadConfig({ ...variables, AWS_REGION: 'ap-east-1' })).not.toThrow();
      expect(variables.XS_WXA_ENV_VERSION).toBe('release');
    }
  });

  it('streams the responses export through a Function URL (RESPONSE_STREAM): an HTTP API answer is buffered and capped at 6 MB', () => {
    const urls = ofType('AWS::Lambda::Url').map(([, r]) => r.Properties);
    expect(urls).toEqual([expect.objectContaining({ AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM', TargetFunctionArn: { 'Fn::GetAtt': ['ExportResponsesLambdaFunction', 'Arn'] } })]);
    expect(template.Resources.ExportResponsesLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['ExportResponsesRole', 'Arn'] });
  });

  it('bundles one zip per function', () => {
    expect(readdirSync(out).filter((f) => f.endsWith('.zip')).length).toBe(ofType('AWS::Lambda::Function').length);
  });
});

describe('the local stage', () => {
  // serverless-offline runs enabled schedule events itself, every minute: in the test stack they would
  // send, escalate and erase whatever other tests left due, in the middle of a test that counts events.
  it('turns the schedules off: the tests run them by hand, npm start runs them in its stack', () => {
    const config = JSON.parse(serverless(['print', '--stage', 'local', '--format', 'json'], {}).stdout);
    const schedules = Object.entries(config.functions as Record<string, { events?: { schedule?: { enabled: boolean } }[] }>).flatMap(([name, f]) =>
      (f.events ?? []).filter((e) => e.schedule).map((e) => [name, e.schedule!.enabled]));
    expect(schedules).toEqual(['dispatch', 'escalate', 'privacyErasure', 'webhookSender'].map((name) => [name, false]));
  }, 200_000);
});

describe('secrets outside the local stage', () => {
  it('a stage without them in the deploy environment or SSM does not resolve: no committed default reaches it', () => {
    let failure = '';
    try {
      serverless(['print', '--stage', 'prod', '--region', 'ap-east-1'], {});
    } catch (error) {
      failure = String(error);
    }
    // Each secret and deployment value falls through to SSM, which needs AWS credentials: none here.
    for (const key of Object.keys(DEPLOY_ENV)) expect(failure).toContain(`Cannot resolve variable at "provider.environment.${key}": AWS`);
    expect(failure).not.toContain('XS_RETENTION_DAYS');
  }, 120_000);
});

describe('serverless package for AWS China (cn-northwest-1)', () => {
  const out = mkdtempSync(join(tmpdir(), 'xinsheng-package-cn-'));
  let template: Template;
  beforeAll(() => {
    ({ template } = packageTemplate(out, 'cn-northwest-1'));
  }, 200_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('names no ARN of the global partition: every ARN is built on AWS::Partition or taken from GetAtt/Ref', () => {
    const all = strings(template);
    expect(all.filter((s) => /arn:aws(?![a-z-]*\$)/.test(s.value) && !s.value.startsWith('arn:${AWS::Partition}:'))).toEqual([]);
    // An ARN built from parts: Fn::Sub with the partition, or Fn::Join ['arn:', {Ref: AWS::Partition}, …].
    const subs = all.filter((s) => s.path.endsWith('Fn::Sub') && s.value.startsWith('arn:'));
    const joins = all.filter((s) => /Fn::Join\[1\]\[0\]$/.test(s.path) && s.value.startsWith('arn:'));
    expect(subs.length + joins.length).toBeGreaterThan(20);
    for (const s of subs) expect(s.value).toMatch(/^arn:\$\{AWS::Partition\}:/);
    for (const s of joins) {
      expect(s.value).toBe('arn:');
      const next = all.find((x) => x.path === s.path.replace(/\[0\]$/, '[1].Ref'));
      expect({ at: s.path, next: next?.value }).toEqual({ at: s.path, next: 'AWS::Partition' });
    }
    expect(all.filter((s) => s.value.startsWith('arn:') && !s.path.endsWith('Fn::Sub') && s.value !== 'arn:')).toEqual([]);
  });

  it('trusts only service principals that exist in both partitions (<service>.amazonaws.com)', () => {
    const principals = strings(template).filter((s) => /\.Principal(\.Service)?(\[\d+\])?$/.test(s.path));
    expect(principals.length).toBeGreaterThan(10);
    for (const p of principals) {
      // "*" only where it denies (the deployment bucket's refusal of plain HTTP), never where it allows.
      // The one other "*": anyone may call a Function URL whose function authenticates the caller
      // itself (the streamed export checks the staff bearer token, as every staff route does).
      const resource = /^\.Resources\.([^.]+)\.Properties\.Principal$/.exec(p.path)?.[1];
      if (p.value === '*' && resource && template.Resources[resource].Type === 'AWS::Lambda::Permission') {
        expect(template.Resources[resource].Properties).toMatchObject({ Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE' });
      } else if (p.value === '*') {
        const effect = strings(template).find((x) => x.path === p.path.replace(/\.Principal$/, '.Effect'));
        expect({ at: p.path, effect: effect?.value }).toEqual({ at: p.path, effect: 'Deny' });
      } else {
        expect(p.value).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
      }
    }
  });

  it('keeps the region of the deploy in the resolved values, never a global region', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/(us|eu|ap|sa|ca|me|af)-(east|west|north|south|central|southeast|northeast)-\d/);
  });
});

describe('OpenAPI 3.1 document', () => {
  it('the committed openapi.json is the one generated from the zod schemas (run `npm run openapi`)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi());
  });

  it('lints without errors (redocly recommended rules)', () => {
    const output = execFileSync(bin('redocly'), ['lint', OPENAPI_PATH, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const report = JSON.parse(output.slice(output.indexOf('{')));
    expect(report.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
  });
});
