import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { createApp, type CreateAppOptions } from './app';
import { systemClock, type Clock } from './core/clock';
import { ConfigError, type Env } from './config/env';
import { checkResidency } from './config/residency';
import { initOrm, migrateUp } from './db/init-orm';
import { seedDemoData } from './db/seed/demo.seed';
import { FieldCipher } from './core/pii/field-cipher';
import { loadKeyring } from './core/pii/keyring';
import { answerClientErrors } from './http/client-errors';
import { createRateLimits } from './http/rate-limit';
import { createRedis } from './integrations/redis/redis.client';
import { createSmsProvider } from './integrations/sms/sms.factory';
import { createStorage } from './integrations/storage/storage.factory';
import { createRedisTokenStore } from './integrations/wechat/redis-token.store';
import { createWechatClient } from './integrations/wechat/wechat.client';
import { ensurePolicy } from './modules/privacy/consent.service';
import { UserPii } from './modules/users/user.pii';
import { backfillNameIndex } from './modules/users/name-index.backfill';
import { startWechatStandIn, type WechatStandIn } from './integrations/wechat/stand-in';
import { version } from './version';
import { startBackground, type BackgroundOptions } from './background';
import type { AppDeps } from './app-deps';

export interface RunningServer {
  url: string;
  port: number;
  orm: MikroORM;
  /** Where the WeChat client sends its calls: the real API or the local stand-in. */
  wechatApiBase: string;
  wechatStandIn?: WechatStandIn;
  /** The field cipher, for tools and tests that write sealed rows directly. */
  cipher: FieldCipher;
  close(): Promise<void>;
}

/** Refuses to run with an endpoint outside the data region, before anything is contacted. */
export function assertResidency(env: Env): void {
  const violations = checkResidency(env);
  if (violations.length) throw new ConfigError(violations.map((v) => ({ setting: v.setting, message: v.message })));
}

/**
 * Everything `main` does after reading the environment: residency check,
 * database, migrations, demo data, HTTP. Tests call it too, with their own
 * env and logger, so what they test is what runs.
 */
export async function startServer(env: Env, logger: Logger, options: { clock?: Clock; app?: CreateAppOptions; background?: BackgroundOptions } = {}): Promise<RunningServer> {
  assertResidency(env);
  const cipher = new FieldCipher(loadKeyring(env));
  const storage = createStorage({
    driver: env.STORAGE_DRIVER,
    dataDir: env.DATA_DIR,
    s3: {
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    },
  });
  const pii = new UserPii(cipher);
  const sms = createSmsProvider(env, logger);
  const orm = await initOrm(env.database, {
    logger: (message: string) => logger.debug({ orm: true }, message),
    // knex's own notices (a pooled connection lost while the database restarts, say) go through pino, not bare console.log.
    driverOptions: {
      log: {
        warn: (message: unknown) => logger.warn({ knex: true }, String(message)),
        error: (message: unknown) => logger.warn({ knex: true }, String(message)),
        deprecate: (message: unknown) => logger.debug({ knex: true }, String(message)),
        debug: (message: unknown) => logger.debug({ knex: true }, String(message)),
      },
    },
  });
  try {
    const applied = await migrateUp(orm);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await ensurePolicy(orm.em.fork());
    await backfillNameIndex(orm, pii, logger);
    if (env.DEMO_SEED) {
      const seeded = await seedDemoData(orm, pii, cipher, storage);
      if (seeded) logger.info(seeded, 'demo data seeded');
    }
  } catch (err) {
    await orm.close(true);
    throw err;
  }
  const wechatStandIn = env.useWechatStandIn
    ? await startWechatStandIn({ appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET })
    : undefined;
  if (wechatStandIn) logger.info({ baseUrl: wechatStandIn.baseUrl }, 'WeChat stand-in started (no WECHAT_API_BASE set)');
  const wechatApiBase = wechatStandIn?.baseUrl ?? env.WECHAT_API_BASE!;
  const redis = env.REDIS_URL ? createRedis(env.REDIS_URL, logger) : undefined;
  // Connect now, so the first requests find it ready; if it is down, the
  // server still starts (rate limits fall back to memory, /ready says 503).
  await redis?.connect().catch((err: Error) => logger.warn({ err: err.message }, 'redis not reachable at start'));
  const wechat = createWechatClient({
    baseUrl: wechatApiBase,
    appid: env.WECHAT_APPID,
    secret: env.WECHAT_SECRET,
    tokenStore: redis ? createRedisTokenStore(redis, env.WECHAT_APPID) : undefined,
  });
  const shutdown: (() => Promise<void> | void)[] = [];
  const deps: AppDeps = {
    onShutdown: (fn) => shutdown.push(fn),
    env,
    orm,
    logger,
    clock: options.clock ?? systemClock,
    version,
    redis,
    cipher,
    pii,
    sms,
    wechat,
    rateLimits: createRateLimits(redis),
    storage,
  };
  const { app } = createApp(deps, options.app);
  const background = startBackground(deps, options.background);
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    orm,
    wechatApiBase,
    wechatStandIn,
    cipher,
    close: async () => {
      await background.stop();
      for (const fn of shutdown) await fn();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await wechatStandIn?.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      storage.close?.();
      await orm.close(true);
    },
  };
}
