import { Redis } from 'ioredis';
import { createRedisTokenStore } from '../../server/src/integrations/wechat/redis-token.store';
import { startWechatStandIn, type WechatStandIn } from '../../server/src/integrations/wechat/stand-in';
import { createWechatClient } from '../../server/src/integrations/wechat/wechat.client';

/** Runs only when TEST_REDIS_URL is set (the `server:redis` project). */
const REDIS_URL = process.env.TEST_REDIS_URL!;
const APPID = `wxtest${process.pid}${Date.now().toString(36)}`;
const SECRET = 'stand-in-secret';

let standIn: WechatStandIn;
const connections: Redis[] = [];
beforeAll(async () => {
  standIn = await startWechatStandIn({ appid: APPID, secret: SECRET });
});
afterAll(async () => {
  await standIn.close();
  await Promise.all(connections.map((r) => r.quit()));
});

/** One server instance: its own Redis connection and WeChat client, the shared store. */
function instance() {
  const redis = new Redis(REDIS_URL);
  connections.push(redis);
  return createWechatClient({ baseUrl: standIn.baseUrl, appid: APPID, secret: SECRET, tokenStore: createRedisTokenStore(redis, APPID) });
}

describe('WeChat access token shared through Redis', () => {
  it('gives 3 instances × 20 parallel callers one token from exactly one upstream fetch', async () => {
    const clients = [instance(), instance(), instance()];
    const tokens = await Promise.all(clients.flatMap((c) => Array.from({ length: 20 }, () => c.accessToken())));
    expect(new Set(tokens).size).toBe(1);
    expect(standIn.stats().calls['/cgi-bin/stable_token']).toBe(1);
  });
});
