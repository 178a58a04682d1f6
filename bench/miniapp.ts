/**
 * The mini-program's figures: weapp package sizes (main package budget 350 KiB, WeChat's limit 2 MiB a
 * package) and, for the h5 survey page in headless chromium with a 4× CPU slow-down, first contentful
 * paint and the time until the 0–10 buttons can be tapped (median of 5 loads, goal ≤ 1.5 s).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { MAIN_PACKAGE_BUDGET_BYTES, WECHAT_PACKAGE_LIMIT_BYTES, listBuildFiles, packageSizes, type AppJson } from '../miniapp/build-size';
import { taroBuild } from '../miniapp/taro-build';
import { serveStatic } from '../functions/local/static-server';
import { postTrigger } from '../functions/local/store-client';
import { median, type BenchContext, type Figure } from './lib';


const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const KIB = 1024;

function weappSizes(): Figure[] {
  const out = mkdtempSync(join(tmpdir(), 'xinsheng-bench-weapp-'));
  try {
    taroBuild('weapp', { outputRoot: out });
    const appJson = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as AppJson;
    const sizes = packageSizes(listBuildFiles(out), appJson);
    return [
      { section: 'miniapp', metric: 'weapp main package', value: sizes.main / KIB, unit: 'KiB', budget: MAIN_PACKAGE_BUDGET_BYTES / KIB },
      ...Object.entries(sizes.subpackages).map(([root, bytes]) => ({ section: 'miniapp', metric: `weapp subpackage ${root}`, value: bytes / KIB, unit: 'KiB', budget: WECHAT_PACKAGE_LIMIT_BYTES / KIB })),
      { section: 'miniapp', metric: 'weapp whole app', value: sizes.total / KIB, unit: 'KiB', budget: 2048 },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function h5Paint(ctx: BenchContext): Promise<Figure[]> {
  const out = mkdtempSync(join(tmpdir(), 'xinsheng-bench-h5-'));
  const h5Port = Number(new URL(ctx.stack.env.XS_H5_BASE_URL).port);
  taroBuild('h5', { outputRoot: out, env: { TARO_APP_API_BASE: ctx.stack.apiBaseUrl, TARO_APP_STAGE: 'local' } });
  const site = await serveStatic(out, h5Port);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const paints: number[] = [];
  const tappable: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const trigger = await postTrigger(ctx.stack.apiBaseUrl, ctx.stack.storeKeys[0], {
        storeId: ctx.stack.storeKeys[0].storeId, orderId: `bench-h5-${Date.now()}-${i}`, touchpoint: 'in_store',
        occurredAt: new Date().toISOString(), customer: {}, channel: 'receipt',
      });
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const started = Date.now();
      await page.goto(String(trigger.body.surveyUrl));
      await page.getByRole('radio', { name: '10', exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
      await page.getByRole('radio', { name: '10', exact: true }).click({ trial: true });
      tappable.push(Date.now() - started);
      paints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
      await context.close();
    }
  } finally {
    await browser.close();
    await site.stop();
    rmSync(out, { recursive: true, force: true });
  }
  return [
    { section: 'miniapp', metric: 'h5 survey first contentful paint (4× CPU slow-down, median of 5)', value: median(paints), unit: 'ms', budget: 1500 },
    { section: 'miniapp', metric: 'h5 survey 0–10 buttons tappable (4× CPU slow-down, median of 5)', value: median(tappable), unit: 'ms', budget: 1500 },
  ];
}

export async function miniappSection(ctx: BenchContext): Promise<Figure[]> {
  return [...weappSizes(), ...(await h5Paint(ctx))];
}
