import type { EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type { ImportKind, ImportResult, ImportRow } from '../../../../../shared/schemas/admin-directory.schema';
import type { ColumnSpec, CsvRecord, CsvTable } from './csv-table';

export type RowError = ImportRow['errors'][number];
export type Changes = Record<string, [string | null, string | null]>;

/** What one line of the file will do, and (when it writes) what to write. */
export interface PlannedRow<W> {
  line: number;
  key: string;
  action: ImportRow['action'];
  changes?: Changes;
  errors: RowError[];
  write?: W;
}

/**
 * One kind of import: its columns, a plan that reads the database and
 * decides every row (a dry run stops there), and the writes of a plan,
 * made by the caller inside its one transaction.
 */
export interface Importer<W> {
  columns: ColumnSpec[];
  plan(em: EntityManager, table: CsvTable): Promise<PlannedRow<W>[]>;
  apply(tx: EntityManager, rows: PlannedRow<W>[], now: Date): Promise<void>;
}

/** Rows the response lists at most; the counts still cover every row. */
export const MAX_REPORTED_ROWS = 1000;

export function summarize(kind: ImportKind, dryRun: boolean, rows: PlannedRow<unknown>[]): ImportResult {
  const countOf = (action: ImportRow['action']) => rows.filter((r) => r.action === action).length;
  const byLine = (a: PlannedRow<unknown>, b: PlannedRow<unknown>) => a.line - b.line;
  // Errors first: they are what the admin has to act on.
  const ordered = [...rows.filter((r) => r.action === 'error').sort(byLine), ...rows.filter((r) => r.action !== 'error').sort(byLine)];
  return {
    kind,
    dryRun,
    total: rows.length,
    created: countOf('create'),
    updated: countOf('update'),
    unchanged: countOf('unchanged'),
    failed: countOf('error'),
    rows: ordered.slice(0, MAX_REPORTED_ROWS).map(({ line, key, action, changes, errors }) => ({ line, key, action, ...(changes ? { changes } : {}), errors })),
  };
}

/** The errors of one row as they are found; a row with any is reported and skipped. */
export class RowCheck {
  readonly errors: RowError[] = [];
  constructor(
    readonly record: CsvRecord,
    private readonly columns: ColumnSpec[],
  ) {
    if (record.problem) this.errors.push({ column: null, message: record.problem });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  fail(column: string | null, message: string): void {
    this.errors.push({ column, message });
  }

  /** The trimmed cell ('' when the file has no such column). */
  cell(name: string): string {
    return this.record.values[name] ?? '';
  }

  /** The cell, or a "please fill in" error naming the column when it is empty. */
  required(name: string): string {
    const value = this.cell(name);
    if (!value) this.fail(name, `请填写${this.columns.find((c) => c.name === name)?.label ?? name}`);
    return value;
  }

  /** Checks a cell with a shared field schema; its (Chinese) message becomes the column's error. */
  check<T>(name: string, schema: z.ZodType<T>, value: unknown = this.cell(name)): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    this.fail(name, result.error.issues[0]?.message ?? '格式不正确');
    return undefined;
  }

  /** A key already used on an earlier line makes this line an error (the earlier one wins). */
  unique(seen: Map<string, number>, key: string, column: string, what: string): void {
    const earlier = seen.get(key);
    if (earlier !== undefined) this.fail(column, `与第 ${earlier} 行的${what}重复`);
    else seen.set(key, this.record.line);
  }

  planned<W>(key: string, decided: Omit<PlannedRow<W>, 'line' | 'key' | 'errors'>): PlannedRow<W> {
    if (!this.ok) return { line: this.record.line, key, action: 'error', errors: this.errors };
    return { line: this.record.line, key, errors: [], ...decided };
  }
}

/** Hospitals are told apart by name and region code (the schema's key), not by name alone. */
export const hospitalKey = (name: string, regionCode: string) => `${name}\u0000${regionCode}`;
export const hospitalLabel = (name: string, regionCode: string) => `${name}（${regionCode}）`;

/** Values for `IN (…)` lists, a bounded number per query. */
export function chunks<T>(values: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
