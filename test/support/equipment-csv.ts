/**
 * CSV files for the equipment import (docs/csv-import.md), as an admin would
 * export them from a spreadsheet. The defaults are a hospital, department and
 * model of the demo data.
 */
export interface EquipmentCsvOptions {
  /** Data rows (the header is not counted). */
  count: number;
  /** Serials are the prefix and a four-digit running number from 0001. */
  serialPrefix: string;
  hospital?: string;
  regionCode?: string;
  /** null leaves the department cell empty (a unit of no department). */
  department?: string | null;
  model?: string;
  /** Coverage date of every row, or per 1-based row. */
  coveredUntil?: string | ((row: number) => string);
  /** A 1-based data row whose coverage date is a day that does not exist; it is on line `badRow + 1`. */
  badRow?: number;
  /** The header in Chinese (序列号, 型号, …) instead of the API names. */
  chineseHeader?: boolean;
  /** Start with a UTF-8 BOM, as Excel's "CSV UTF-8" does. */
  bom?: boolean;
}

export const DEMO_UNIT_TARGET = { hospital: '北京东华医院', regionCode: '110101', department: '消化内镜中心', model: 'QV-G290 电子胃镜' } as const;
/** What the bad row carries, and the error the import reports for it. */
export const BAD_ROW_DATE = '2027-02-30';
export const BAD_ROW_MESSAGE = '日期不存在，请检查年月日';

export const equipmentSerial = (prefix: string, row: number) => `${prefix}${String(row).padStart(4, '0')}`;

/** A cell as CSV writes it: quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function equipmentCsv(options: EquipmentCsvOptions): string {
  const target = { ...DEMO_UNIT_TARGET, ...options };
  const header = options.chineseHeader
    ? ['序列号', '型号', '医院', '行政区划代码', '科室', '保修截止日期']
    : ['serial', 'model', 'hospital', 'regionCode', 'department', 'coveredUntil'];
  const lines = [header.join(',')];
  for (let row = 1; row <= options.count; row++) {
    const covered = row === options.badRow ? BAD_ROW_DATE : typeof options.coveredUntil === 'function' ? options.coveredUntil(row) : (options.coveredUntil ?? '2028-12-31');
    lines.push([equipmentSerial(options.serialPrefix, row), target.model, target.hospital, target.regionCode, target.department ?? '', covered].map(csvCell).join(','));
  }
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
