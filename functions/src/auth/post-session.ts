import { ZSessionRequest, type SessionResponse } from '@xinsheng/shared';
import { blindIndex, encrypt, randomToken, sha256Hex } from '../lib/crypto';
import { config } from '../lib/config';
import { unauthorized, unavailable } from '../lib/errors';
import { httpHandler, json, parseBody } from '../lib/http';
import { putSession } from '../data/sessions-repo';
import { WeChatApiError, wechatClient } from '../wechat/client';

const INVALID_CODE = new Set([40029, 40163, 40226]);

/** POST /v1/session {code} — wx.login's code → code2Session on the server → an opaque session token. */
export const handler = httpHandler(async (event) => {
  const { code } = parseBody(event, ZSessionRequest);
  const now = new Date();
  let login;
  try {
    login = await wechatClient().code2Session(code);
  } catch (error) {
    if (error instanceof WeChatApiError && INVALID_CODE.has(error.errcode)) throw unauthorized('the login code is invalid or was used already');
    if (error instanceof WeChatApiError && (error.errcode === 45011 || error.errcode === -1)) throw unavailable(2);
    throw error;
  }
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + config.XS_SESSION_TTL_MINUTES * 60_000).toISOString();
  await putSession(sha256Hex(token), {
    openidHash: blindIndex('openid', login.openid),
    openidSealed: encrypt(login.openid),
    sessionKeySealed: encrypt(login.session_key),
    createdAt: now.toISOString(),
    expiresAt,
  });
  const body: SessionResponse = { token, expiresAt };
  return json(200, body);
});
