import type { FieldCipher } from '../../server/src/core/pii/field-cipher';
import { Rng, uuid7 } from './random';
import type { Sink } from './sink';
import type { DatasetSize } from './config';

/** What the generators share: the clock of the build, the seeded randomness, the cipher, and the sink. */
export interface World {
  now: number;
  size: DatasetSize;
  rng: Rng;
  cipher: FieldCipher;
  sink: Sink;
}

export function newWorld(now: number, size: DatasetSize, cipher: FieldCipher, sink: Sink): World {
  return { now, size, rng: new Rng(20261122), cipher, sink };
}

export const idAt = (w: World, ms: number): string => uuid7(ms, w.rng);

export const sealed = (w: World, table: string, column: string, id: string, plain: string): string => w.cipher.seal({ table, column, id }, plain);

/** Asia/Shanghai calendar day of an instant, as ticket numbers show it: 20261122. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
