/** The HTTP SMS sender over real HTTP against the local stand-in's /sms/send. */
import { caught, freePort } from '../../local/test-kit';
import { startWeChatStandIn, type WeChatStandIn } from '../../local/wechat-stand-in';
import { HttpSmsSender, SmsSendError } from './sms';

let standIn: WeChatStandIn;

beforeEach(async () => {
  standIn = await startWeChatStandIn({ appId: 'wx-sms-test', secret: 'sms-test-secret' });
});
afterEach(() => standIn.close());

describe('SMS sender', () => {
  test('HttpSmsSender posts {phone, text}; the stand-in records it', async () => {
    const sender = new HttpSmsSender(standIn.smsUrl);
    await expect(sender.send('13800138000', '邀请您评价：https://wxaurl.cn/abc')).resolves.toEqual({ messageId: expect.any(String) });
    expect(standIn.sms()).toEqual([{ phone: '13800138000', text: '邀请您评价：https://wxaurl.cn/abc', at: expect.any(String) }]);
  });

  test('a refusal is an SmsSendError', async () => {
    standIn.fault({ path: '/sms/send', errcode: 1001, times: 1 });
    const error = await caught(new HttpSmsSender(standIn.smsUrl).send('13800138000', 'x'));
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ errcode: 1001, retryable: false });
    expect(standIn.sms()).toHaveLength(0);
  });

  test('no answer is a retryable SmsSendError', async () => {
    const port = await freePort();
    const error = await caught(new HttpSmsSender(`http://127.0.0.1:${port}/sms/send`).send('13800138000', 'x'));
    expect(error).toMatchObject({ name: 'SmsSendError', retryable: true });
  });
});
