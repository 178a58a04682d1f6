import { ZSessionRequest, type SessionResponse } from '@xinsheng/shared';
import { blindIndex, encrypt, randomToken, sha256Hex } from '../lib/crypto';
import { config } from '../lib/config';
import { httpHandler, json, parseBody } from '../lib/http';
import { putSession } from '../data/sessions-repo';
import { wechatClient } from '../channels/wechat/client';
import { toDomainError } from '../channels/wechat/errors';

/** POST /v1/session {code} — wx.login's code → code2Session on the server → an opaque session token. */
export const handler = httpHandler(async (event) => {
  const { code } = parseBody(event, ZSessionRequest);
  const now = new Date();
  const login = await wechatClient()
    .code2Session(code)
    .catch((error: unknown) => {
      throw toDomainError(error);
    });
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + config.XS_SESSION_TTL_MINUTES * 60_000).toISOString();
  // The openid and session_key stay on the server: sealed here, never in a response.
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
