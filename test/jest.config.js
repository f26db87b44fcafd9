/**
 * One `jest` run covers every suite. Suites that need a service run when it
 * is there and say so loudly when it is not; with CI=true a missing service
 * is a failure, not a skip (.ci/run provides them all).
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';

const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } }],
};

const base = {
  rootDir: root,
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.redis\\.test\\.ts$'],
  // file-type is ESM-only and exports no `require` entry: point jest at its
  // ESM file and let swc make it (and its ESM helpers) CommonJS.
  moduleNameMapper: { '^file-type$': '<rootDir>/node_modules/file-type/index.js' },
  transformIgnorePatterns: ['/node_modules/(?!(file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)'],
};

const missing = [];
function needs(service, available, hint) {
  if (available) return true;
  missing.push(`${service} (${hint})`);
  return false;
}

const projects = [
  { ...base, displayName: 'shared', testMatch: ['<rootDir>/test/shared/**/*.test.ts'] },
  { ...base, displayName: 'server:sqlite', testMatch: ['<rootDir>/test/server/**/*.test.ts'] },
  {
    ...base,
    displayName: 'miniapp',
    testMatch: ['<rootDir>/test/miniapp/**/*.test.ts?(x)'],
    moduleNameMapper: {
      ...base.moduleNameMapper,
      '^@tarojs/taro$': '<rootDir>/test/support/taro-request.ts',
      '^@shared/(.*)$': '<rootDir>/shared/$1',
    },
  },
];

if (needs('PostgreSQL suite', process.env.TEST_DATABASE_URL, 'set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test')) {
  projects.push({
    ...base,
    displayName: 'server:postgresql',
    testMatch: ['<rootDir>/test/server/**/*.test.ts'],
    // Configuration and inventory tests touch no database: one run is enough.
    testPathIgnorePatterns: [...base.testPathIgnorePatterns, '<rootDir>/test/server/config/', '<rootDir>/test/server/integrations/', 'routes.inventory'],
    setupFiles: ['<rootDir>/test/support/use-postgresql.ts'],
  });
}
if (needs('browser suite', fs.existsSync(CHROMIUM), `install Debian's chromium and fonts-noto-cjk; looked for ${CHROMIUM}`)) {
  projects.push({
    ...base,
    displayName: 'e2e',
    testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  });
}
if (needs('Redis suite', process.env.TEST_REDIS_URL, 'set TEST_REDIS_URL=redis://127.0.0.1:6379')) {
  projects.push({
    ...base,
    displayName: 'server:redis',
    testMatch: ['<rootDir>/test/server/**/*.redis.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  });
}

if (missing.length) {
  const banner = ['', '#'.repeat(72), ...missing.map((m) => `##  SKIPPED: ${m}`), '#'.repeat(72), ''].join('\n');
  if (ci) {
    throw new Error(`CI=true but required test services are missing:${banner}`);
  }
  process.stderr.write(`${banner}\n`);
}

module.exports = { projects, testTimeout: 60_000 };
