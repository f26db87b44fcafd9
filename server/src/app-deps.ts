import type { MikroORM } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from './core/clock';
import type { FieldCipher } from './core/pii/field-cipher';
import type { Env } from './config/env';
import type { RateLimits } from './http/rate-limit';
import type { SmsProvider } from './integrations/sms/sms.provider';
import type { StorageDriver } from './integrations/storage/storage.driver';
import type { WechatClient } from './integrations/wechat/wechat.client';
import type { UserPii } from './modules/users/user.pii';

/** Everything the app needs from outside; createApp holds no globals. */
export interface AppDeps {
  env: Env;
  orm: MikroORM;
  logger: Logger;
  clock: Clock;
  version: string;
  /** Present when REDIS_URL is set. */
  redis?: Redis;
  cipher: FieldCipher;
  pii: UserPii;
  rateLimits: RateLimits;
  sms: SmsProvider;
  wechat: WechatClient;
  storage: StorageDriver;
  /** Registers clean-up the server runs on close, before its connections go (e.g. a Redis subscriber). */
  onShutdown?: (fn: () => Promise<void> | void) => void;
}
