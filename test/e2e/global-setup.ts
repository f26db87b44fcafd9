import { ensureH5Build } from '../../server/src/cli/h5-build';

/** The browser suite drives the real H5 build; make sure it is there and current. */
export default async function globalSetup(): Promise<void> {
  const { built, ms } = ensureH5Build((line) => process.stderr.write(`\n[e2e] ${line}\n`));
  if (built) process.stderr.write(`[e2e] H5 build took ${(ms / 1000).toFixed(1)} s\n`);
}
