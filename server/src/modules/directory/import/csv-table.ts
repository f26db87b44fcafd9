import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError } from '../../../core/errors';

/** One column an import reads: its name in the API and docs, its Chinese label, and the headers people write for it. */
export interface ColumnSpec {
  name: string;
  label: string;
  required: boolean;
  aliases: string[];
}

export interface CsvRecord {
  /** 1-based line in the file where the record starts (the header is line 1). */
  line: number;
  /** Trimmed cells by column name, for the columns the file has. */
  values: Record<string, string>;
  /** A record that cannot be read as a row of this table (wrong number of cells). */
  problem?: string;
}

export interface CsvTable {
  /** Column names the header has. */
  present: Set<string>;
  records: CsvRecord[];
}

/** One transaction and one response per file: beyond this, split the file. */
export const MAX_IMPORT_ROWS = 2000;

/**
 * Headers match whatever way a spreadsheet spells them: case, spaces,
 * underscores, hyphens, brackets and a trailing required-marker `*` aside
 * (`Region Code`, `region_code`, `行政区划代码*`).
 */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_\-*＊()（）[\]【】]/g, '');
}

function invalid(message: string): ValidationError {
  return new ValidationError([{ path: 'csv', message }], message);
}

function describe(columns: ColumnSpec[]): string {
  const required = columns.filter((c) => c.required).map((c) => c.name);
  const optional = columns.filter((c) => !c.required).map((c) => c.name);
  return `需要的列：${required.join(', ')}${optional.length ? `；可选的列：${optional.join(', ')}` : ''}`;
}

/** The line a record starts on, from the line it ends on and its raw text (which includes the empty lines skipped before it). */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Reads the CSV text of an import: UTF-8 (a BOM is dropped), the first row
 * is the header, cells are trimmed, quoted cells may hold commas, quotes and
 * line breaks. Blank rows (also `,,,` rows Excel leaves behind) are skipped.
 * A file that cannot be a table of these columns at all is a 422; a row that
 * is wrong on its own is marked and reported with the rows.
 */
export function readCsvTable(csv: string, columns: ColumnSpec[]): CsvTable {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(csv, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, raw: true }) as unknown as ParsedRecord[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      const where = line ? `第 ${line} 行附近` : '';
      const what = err.code === 'CSV_QUOTE_NOT_CLOSED' ? '有引号没有闭合' : '格式有误（引号须成对，含逗号或换行的内容须整体加引号）';
      throw invalid(`无法读取 CSV：${where}${what}`);
    }
    throw err;
  }
  const filled = parsed.filter((p) => p.record.some((cell) => cell !== ''));
  const [header, ...rows] = filled;
  if (!header) throw invalid('文件是空的');

  const byKey = new Map<string, ColumnSpec>();
  for (const column of columns) for (const alias of [column.name, column.label, ...column.aliases]) byKey.set(headerKey(alias), column);
  // Index of each known column in the file; unknown columns (notes, row numbers) are left alone.
  const positions = new Map<string, number>();
  header.record.forEach((cell, index) => {
    const column = byKey.get(headerKey(cell));
    if (!column) return;
    if (positions.has(column.name)) throw invalid(`表头中“${column.label}（${column.name}）”出现了两次`);
    positions.set(column.name, index);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.name));
  if (missing.length) {
    throw invalid(`缺少必需的列：${missing.map((c) => `${c.label}（${c.name}）`).join('、')}。${describe(columns)}`);
  }
  if (!rows.length) throw invalid('文件中只有表头，没有数据行');
  if (rows.length > MAX_IMPORT_ROWS) throw invalid(`一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，本文件有 ${rows.length.toLocaleString('en-US')} 行，请拆分后再导入`);

  // Columns up to the last named one; Excel may add empty header cells after it.
  const width = header.record.reduce((w, cell, i) => (cell !== '' ? i + 1 : w), 0);
  const records = rows.map((row): CsvRecord => {
    const values: Record<string, string> = {};
    for (const [name, index] of positions) values[name] = row.record[index] ?? '';
    const extra = row.record.slice(width).some((cell) => cell !== '');
    const record: CsvRecord = { line: startLine(row.info.lines, row.raw), values };
    if (row.record.length < width || extra) record.problem = `该行的列数与表头不一致（表头 ${width} 列）；含逗号的内容须整体加英文双引号`;
    return record;
  });
  return { present: new Set(positions.keys()), records };
}
