import v8 from 'node:v8';
import { ConfigError, parseEnv, type Env } from './config/env';
import { createLogger } from './core/logger';
import { startServer, type RunningServer } from './server';

/**
 * Reads the environment, opens the database, starts HTTP; exits with 78
 * (EX_CONFIG) and the offending settings on bad configuration. `npm run
 * server` runs this file; `npm start` calls it after building the H5 app.
 */
export async function main(source: Record<string, string | undefined> = process.env): Promise<{ env: Env; running: RunningServer }> {
  let env: Env;
  try {
    env = parseEnv(source);
  } catch (err) {
    return exitOnConfigError(err);
  }
  // Read by V8 at every full collection, so it applies from here on.
  if (env.HEAP_GROWING_PERCENT > 0) v8.setFlagsFromString(`--heap-growing-percent=${env.HEAP_GROWING_PERCENT}`);
  const logger = createLogger({ level: env.LOG_LEVEL });
  let running: RunningServer;
  try {
    running = await startServer(env, logger);
  } catch (err) {
    if (err instanceof ConfigError) return exitOnConfigError(err);
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
  return { env, running };
}

function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}

if (require.main === module) void main();
