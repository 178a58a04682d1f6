/** The WeCom group robot over real HTTP against the local stand-in. */
import { caught, freePort } from '../../local/test-kit';
import { startWeChatStandIn, type WeChatStandIn } from '../../local/wechat-stand-in';
import { WeComRobot, WeComRobotError } from './wecom-robot';

let standIn: WeChatStandIn;

beforeEach(async () => {
  standIn = await startWeChatStandIn({ appId: 'wx-robot-test', secret: 'robot-test-secret' });
});
afterEach(() => standIn.close());

describe('WeCom robot', () => {
  const make = (key = 'robot-key') =>
    new WeComRobot(standIn.webhookUrl(key), { backoffBaseMs: 5, backoffCapMs: 20 });

  test('markdown is delivered', async () => {
    await expect(make().sendMarkdown('**新回访任务** 徐汇店 NPS 3')).resolves.toEqual({ ok: true, attempts: 1 });
    expect(standIn.wecom()).toEqual([{ key: 'robot-key', msgtype: 'markdown', content: '**新回访任务** 徐汇店 NPS 3', at: expect.any(String) }]);
  });

  test('busy twice, then delivered on the third attempt', async () => {
    standIn.fault({ path: '/cgi-bin/webhook/send', errcode: 45009, times: 2 });
    await expect(make().sendMarkdown('x')).resolves.toEqual({ ok: true, attempts: 3 });
    expect(standIn.wecom()).toHaveLength(1);
  });

  test('still failing after the bound: ok:false, nothing thrown unless asked', async () => {
    standIn.fault({ path: '/cgi-bin/webhook/send', errcode: -1, times: 6 });
    await expect(make().sendMarkdown('x')).resolves.toEqual({ ok: false, attempts: 3, errcode: -1, errmsg: expect.any(String) });
    const error = await caught(make().sendMarkdown('x', { throwOnFailure: true }));
    expect(error).toBeInstanceOf(WeComRobotError);
    expect(error).toMatchObject({ errcode: -1, attempts: 3 });
    expect(standIn.wecom()).toHaveLength(0);
  });

  test('a bad key is not retried', async () => {
    await expect(make('').sendMarkdown('x')).resolves.toMatchObject({ ok: false, attempts: 1, errcode: 93000 });
  });

  test('content over 4096 bytes is cut to fit, on a character boundary', async () => {
    await expect(make().sendMarkdown('字'.repeat(2000))).resolves.toMatchObject({ ok: true });
    const [sent] = standIn.wecom();
    expect(Buffer.byteLength(sent.content)).toBeLessThanOrEqual(4096);
    expect(sent.content.endsWith('…')).toBe(true);
    expect(sent.content).not.toContain('\uFFFD');
  });

  test('no answer at all counts as a failure, not an exception', async () => {
    const port = await freePort(); // nothing listens there
    const result = await new WeComRobot(`http://127.0.0.1:${port}/cgi-bin/webhook/send?key=k`, { maxAttempts: 2, backoffBaseMs: 1 }).sendMarkdown('x');
    expect(result).toMatchObject({ ok: false, attempts: 2 });
  });
});
