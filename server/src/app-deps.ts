import type { MikroORM } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from './core/clock';
import type { Env } from './config/env';

/** Everything the app needs from outside; createApp holds no globals. */
export interface AppDeps {
  env: Env;
  orm: MikroORM;
  logger: Logger;
  clock: Clock;
  version: string;
  /** Present when REDIS_URL is set. */
  redis?: Redis;
}
