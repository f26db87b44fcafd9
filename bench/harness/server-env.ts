import path from 'node:path';
import { benchKeys } from '../dataset/build';
import { DATA_DIR } from '../dataset/config';
import type { Target } from '../dataset/meta';

/**
 * The environment our server runs with in the bench: production mode (so
 * nothing development-only is on), the bench database and keys, external
 * services pointed at loopback addresses nothing listens on (the hot paths
 * never call them), warn-level logs. The yearly gift value cap and the
 * per-person write limit are raised so the crowd stays within them.
 */
export function serverEnv(t: Target, port: number): Record<string, string> {
  const keys = benchKeys();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: path.join(DATA_DIR, `server-${t.dialect}`),
    DATABASE_URL: t.dialect === 'sqlite' ? `sqlite:${t.location}` : t.location,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    PII_KEYS: keys.piiKeys,
    PII_INDEX_KEY: keys.indexKey,
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_APPID: 'wxbench000000000',
    WECHAT_SECRET: 'bench-secret',
    PUBLIC_BASE_URL: 'https://bench.invalid',
    SMS_PROVIDER: 'tencent',
    SMS_API_BASE: 'http://127.0.0.1:9',
    TENCENT_SMS_SECRET_ID: 'bench',
    TENCENT_SMS_SECRET_KEY: 'bench',
    TENCENT_SMS_APP_ID: '1400000000',
    TENCENT_SMS_SIGN_NAME: 'bench',
    TENCENT_SMS_TEMPLATE_ID: '1',
    POINTS_YEARLY_VALUE_CAP_YUAN: '100000',
    // The crowd writes far faster than a person does; the limiter still runs on every write, only never refuses.
    WRITE_RATE_PER_MINUTE: '1000000',
  };
  if (process.env.BENCH_REDIS_URL) env.REDIS_URL = process.env.BENCH_REDIS_URL;
  return env;
}
