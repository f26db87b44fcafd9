/**
 * `npm start`: the whole system on the embedded defaults — builds the H5 app
 * when it is missing or stale, migrates, loads demo data into an empty
 * database, and serves API and web app from one origin.
 */
import { DEMO_ACCOUNTS } from '../db/seed/demo-data';
import { main } from '../main';
import { ensureH5Build } from './h5-build';

async function start(): Promise<void> {
  const env = { DEMO_SEED: 'true', SERVE_H5: 'true', ...process.env };
  ensureH5Build();
  const { running, env: parsed } = await main(env);
  const lines = [
    '',
    `  ScopeDesk is running: ${running.url}`,
    `  API: ${running.url}/api/v1  ·  OpenAPI: ${running.url}/api/v1/openapi.json`,
    `  Database: ${parsed.database.dialect === 'sqlite' ? parsed.database.file : 'PostgreSQL'}  ·  region ${parsed.DATA_REGION}`,
    '',
    '  Demo accounts (SMS sign-in; the development provider shows the code):',
    ...DEMO_ACCOUNTS.map((a) => `    ${a.phone}  ${a.label}`),
    '',
  ];
  console.log(lines.join('\n'));
}

void start().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
