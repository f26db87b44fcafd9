/**
 * Bundle sizes, as CI's budget check computes them: .ci/bundle-sizes.mjs is
 * both the CI script and the module read here, so the numbers cannot drift.
 */
import path from 'node:path';
import { ROOT } from './builds';

export interface SizeRow {
  name: string;
  bytes: number;
  limit: number;
  /** weapp rows: `main` or the subpackage root. */
  package?: string;
  /** The H5 row: each script index.html loads. */
  files?: { src: string; rawBytes: number; gzipBytes: number }[];
}

interface BundleSizesModule {
  bundleRows(): SizeRow[];
  BUDGET: { main: number; subpackage: number; h5InitialGzip: number };
}

/** A path, not a literal: the .mjs has no type declarations, this interface is its contract. */
const MODULE = path.join(ROOT, '.ci/bundle-sizes.mjs');

export async function measureSizes(): Promise<SizeRow[]> {
  const sizes = (await import(MODULE)) as BundleSizesModule;
  return sizes.bundleRows();
}
