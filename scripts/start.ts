/**
 * `npm start`: the whole loop on this machine — DynamoDB Local (data under .data/), the WeChat
 * stand-in, the API (serverless-offline), the schedules, the h5 app and a demo brand.
 * Writes .xinsheng/demo.json and prints the URLs. Ctrl-C stops everything.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SURVEY_TEMPLATE_ID, startLocalStack, type LocalStack } from '../functions/local/stack';
import { serveStatic } from '../functions/local/static-server';
import { ensureDataLayout } from '../functions/local/data-layout';
import { postTrigger } from '../functions/local/store-client';

const execFileAsync = promisify(execFile);

/** One line rewritten in place on a terminal (the history seed's progress), plain lines otherwise. */
function progressLine(line: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${line}`);
  else {
    // Without a terminal, only the lines that finish a step (n/n) or say something else.
    const step = /(\d+)\/(\d+)/.exec(line);
    if (!step || step[1] === step[2]) console.log(line);
  }
}
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main() {
  const ports = {
    api: port('XS_API_PORT', 3000),
    lambda: port('XS_LAMBDA_PORT', 3002),
    dynamo: port('XS_DYNAMODB_PORT', 8000),
    wechat: port('XS_WECHAT_PORT', 3090),
    h5: port('XS_H5_PORT', 10086),
  };
  const h5BaseUrl = `http://localhost:${ports.h5}`;
  const dataDir = join(ROOT, '.data', 'dynamodb');
  const layout = ensureDataLayout(dataDir);
  if (layout.kind === 'set-aside') console.log(`The local data was written in an older row layout (${layout.layout}): kept in ${layout.movedTo}, and a fresh demo is seeded.`);
  console.log('Starting DynamoDB Local, the WeChat stand-in and the API…');
  const stack = await startLocalStack({
    apiPort: ports.api,
    lambdaPort: ports.lambda,
    dynamoPort: ports.dynamo,
    wechatPort: ports.wechat,
    h5BaseUrl,
    dataDir,
    runSchedules: true,
    // 90 days of the demo brand's past, once (a rerun finds its marker and writes nothing).
    seedHistory: true,
    onProgress: progressLine,
    logDir: join(ROOT, '.xinsheng', 'logs'),
  });
  if (stack.history) {
    const { counts, seconds, seeded } = stack.history;
    progressLine(
      seeded
        ? `Demo history seeded in ${seconds} s: ${counts.responses} answers, ${counts.invitations} invitations, ${counts.tasks} callback tasks (${counts.openTasks} still open), ${counts.recoveries} re-surveys, ${counts.repeats} repeat purchases.`
        : `Demo history already there (${counts.responses} answers, ${stack.history.from} … ${stack.history.to}).`,
    );
    process.stdout.write('\n');
  }
  const stopping: (() => Promise<void>)[] = [stack.stop];
  const shutdown = async (exitCode = 0) => {
    console.log('\nStopping…');
    for (const stop of stopping.reverse()) await stop().catch(() => undefined);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => shutdown());
  process.on('SIGTERM', () => shutdown());
  try {
    await finishStart(stack, ports, stopping);
  } catch (error) {
    // Whatever failed after the stack came up, leave no DynamoDB Local or API process behind.
    console.error(error);
    await shutdown(1);
  }
}

async function finishStart(stack: LocalStack, ports: Record<'api' | 'h5', number>, stopping: (() => Promise<void>)[]) {
  // A receipt invitation is ready at once: the link a newcomer can open right away.
  const demoStore = stack.storeKeys[0];
  const demo = await postTrigger(stack.apiBaseUrl, demoStore, {
    storeId: demoStore.storeId,
    orderId: `demo-${Date.now()}`,
    touchpoint: 'in_store',
    occurredAt: new Date().toISOString(),
    customer: {},
    staffId: 'sh-001-wang',
    channel: 'receipt',
  });
  const demoSurveyUrl = typeof demo.body.surveyUrl === 'string' ? demo.body.surveyUrl : undefined;

  const apiBaseUrl = `http://localhost:${ports.api}`;
  let appBaseUrl: string | undefined;
  if (process.env.XS_SKIP_H5 !== '1' && existsSync(join(ROOT, 'miniapp', 'config'))) {
    console.log('Building the h5 app…');
    // Asynchronously: the schedules and the stream poller keep running in this process meanwhile.
    await execFileAsync('npm', ['run', 'build:h5', '-w', 'miniapp'], {
      cwd: ROOT,
      env: { ...process.env, TARO_APP_API_BASE: apiBaseUrl, TARO_APP_STAGE: 'local' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const h5 = await serveStatic(join(ROOT, 'miniapp', 'dist', 'h5'), ports.h5);
    stopping.push(h5.stop);
    appBaseUrl = h5.baseUrl;
  }

  const demoJson = {
    apiBaseUrl,
    stores: stack.storeKeys.map(({ storeId, region, keyId, secret }) => ({ storeId, region, keyId, secret })),
    surveys: stack.surveyIds.map((surveyId) => ({ surveyId })),
    staff: stack.staff,
    wechatStandIn: { baseUrl: stack.wechatBaseUrl.replace('127.0.0.1', 'localhost'), templateId: SURVEY_TEMPLATE_ID },
    ...(appBaseUrl ? { appBaseUrl, workbenchUrl: `${appBaseUrl}/#/staff/pages/login/index`, dashboardUrl: `${appBaseUrl}/#/staff/pages/dashboard/index`, adminUrl: `${appBaseUrl}/#/staff/pages/admin/index` } : {}),
    ...(demoSurveyUrl ? { demoSurveyUrl } : {}),
  };
  mkdirSync(join(ROOT, '.xinsheng'), { recursive: true });
  writeFileSync(join(ROOT, '.xinsheng', 'demo.json'), `${JSON.stringify(demoJson, null, 2)}\n`);

  console.log(`
Xinsheng is running.
  API             ${apiBaseUrl}   (OpenAPI: ${apiBaseUrl}/v1/openapi.json)
  WeChat stand-in ${demoJson.wechatStandIn.baseUrl}   (sent messages: ${demoJson.wechatStandIn.baseUrl}/_inspect/messages)
  DynamoDB Local  ${stack.dynamoEndpoint}   (data in .data/dynamodb)
${appBaseUrl ? `  h5 app          ${appBaseUrl}\n` : ''}${demoSurveyUrl ? `  Demo survey     ${demoSurveyUrl}\n` : ''}${demoJson.workbenchUrl ? `  Workbench       ${demoJson.workbenchUrl}   (answer the demo survey with 0–6, then work the task)\n` : ''}${demoJson.dashboardUrl ? `  Dashboard       ${demoJson.dashboardUrl}   (log in as the manager: 90 days of the demo brand)\n` : ''}${demoJson.adminUrl ? `  Admin console   ${demoJson.adminUrl}   (log in as admin: stores and keys, surveys, policy, staff, webhooks, privacy, audit)\n` : ''}  Staff logins    (POST ${apiBaseUrl}/v1/staff/login)
${loginLines(stack.staff)}
  Store keys and secrets, every staff account: .xinsheng/demo.json
Press Ctrl-C to stop.`);
}

const ROLE_ORDER = ['admin', 'manager', 'supervisor', 'agent'];

/** Every demo login, the manager (and an admin, if the demo has one) first: role, name, username / password. */
function loginLines(staff: LocalStack['staff']): string {
  return [...staff]
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.username.localeCompare(b.username))
    .map((s) => `    ${s.role.padEnd(10)} ${s.username} / ${s.password}   ${s.name}${s.regions.length ? ` (${s.regions.join(', ')})` : ''}`)
    .join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
