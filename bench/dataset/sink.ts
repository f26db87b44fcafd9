/** A row as the generator writes it: column name → value (JSON columns already stringified). */
export type Value = string | number | boolean | Date | null;
export type Row = Record<string, Value>;

/** Where generated rows go: buffered per table, written in batches by a dialect writer. */
export interface Sink {
  add(table: string, row: Row): void;
  /** Waits until buffered rows are written (the generator calls it between chunks). */
  drain(): Promise<void>;
  count(table: string): number;
}

/** Sends every row to each writer (both dialects are built from one pass of the generator). */
export class FanOut implements Sink {
  private readonly counts = new Map<string, number>();

  constructor(private readonly sinks: Sink[]) {}

  add(table: string, row: Row): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    for (const s of this.sinks) s.add(table, row);
  }

  async drain(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.drain()));
  }

  count(table: string): number {
    return this.counts.get(table) ?? 0;
  }

  counted(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort());
  }
}
