import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.js');

/**
 * The server as one plain JavaScript file for production (`npm run
 * build:server`, then `node dist/server/main.js`): our TypeScript and
 * `shared/` compiled once, packages left to node_modules. Running it saves
 * tsx's in-process loader, about 45 MB of resident memory measured at start
 * (docs/performance.md).
 */
export async function buildServer(outfile = SERVER_BUNDLE): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, 'server/src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

if (require.main === module) {
  buildServer().then(
    (file) => console.log(`server bundle: ${path.relative(process.cwd(), file)}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
