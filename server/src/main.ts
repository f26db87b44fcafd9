import { ConfigError, parseEnv, type Env } from './config/env';
import { createLogger } from './core/logger';
import { startServer } from './server';

/** Reads the environment, opens the database, starts HTTP. `npm run server` runs this. */
export async function main(source: Record<string, string | undefined> = process.env): Promise<void> {
  let env: Env;
  try {
    env = parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger({ level: env.LOG_LEVEL });
  let running;
  try {
    running = await startServer(env, logger);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    logger.fatal({ err }, 'start failed');
    process.exit(1);
  }
  logger.info({ url: running.url, region: env.DATA_REGION, database: env.database.dialect }, 'ScopeDesk listening');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) void main();
