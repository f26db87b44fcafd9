import path from 'node:path';
import { ConfigError, parseEnv } from '../../../server/src/config/env';

function problemsOf(source: Record<string, string>): { setting: string; message: string }[] {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the environment to be refused');
}

describe('environment', () => {
  it('starts on sensible defaults: port 3000, ./data, SQLite in DATA_DIR, mainland region', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe(path.resolve('./data'));
    expect(env.database).toEqual({ dialect: 'sqlite', file: path.resolve('./data/scopedesk.sqlite') });
    expect(env.DATA_REGION).toBe('cn-mainland');
    expect(env.useWechatStandIn).toBe(true);
    expect(env.SMS_PROVIDER).toBe('dev');
  });

  it('picks PostgreSQL from a postgres URL', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).database).toEqual({
      dialect: 'postgresql',
      url: 'postgres://u@127.0.0.1:5432/db',
    });
  });

  it('names each bad setting', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', SMS_PROVIDER: 'carrier-pigeon' });
    expect(problems.map((p) => p.setting).sort()).toEqual(['DATABASE_URL', 'PORT', 'SMS_PROVIDER']);
  });

  it('refuses development conveniences in production and names what is missing', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DEMO_SEED: 'true' });
    const settings = problems.map((p) => p.setting);
    expect(settings).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'WECHAT_API_BASE', 'WECHAT_APPID', 'WECHAT_SECRET', 'SMS_PROVIDER', 'DEMO_SEED', 'PII_KEYS', 'PII_INDEX_KEY']),
    );
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});
