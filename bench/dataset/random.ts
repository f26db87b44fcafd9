/**
 * A seeded generator, so both dialects get the same dataset and a rebuild
 * gives the same shape. Not for anything secret.
 */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Exponential with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  hex(chars: number): string {
    let out = '';
    for (let i = 0; i < chars; i++) out += HEX[this.int(16)];
    return out;
  }
}

const HEX = '0123456789abcdef';

/** Picks an index with probability proportional to its weight (cumulative table, binary search). */
export class Weighted {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += w));
  }

  get total(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0;
  }

  draw(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A UUIDv7 for an instant, as the server's ids are (time-ordered, so keyset pages follow creation). */
export function uuid7(ms: number, rng: Rng): string {
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const variant = (8 + rng.int(4)).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`;
}
