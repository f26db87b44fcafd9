import { randomInt } from 'node:crypto';

/** No 0/O or 1/I: the number is read out over the phone and typed from a packing slip. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const OFFSET_MS = 8 * 3600_000;

/** `yyMMdd` of the Asia/Shanghai calendar day containing `at`. */
export function shanghaiYyMmDd(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

/**
 * `DH` + Shanghai date + six random characters, e.g. `DH261122K7QX3M`.
 * Random rather than a daily counter: a counter row would be one more lock
 * every redemption queues on. 32⁶ ≈ 10⁹ per day; the unique index is the
 * guarantee, and the caller draws again on the rare clash.
 */
export function newOrderNumber(at: Date): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `DH${shanghaiYyMmDd(at)}${tail}`;
}
