/**
 * Coverage dates are Asia/Shanghai calendar days written YYYY-MM-DD. People
 * type them (and Excel writes them) as 2027/6/30 too, which is read the same.
 */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

/** A YYYY-MM-DD that names a day that exists (not 2027-02-30); the databases would refuse or shift the others. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const NO_SUCH_DAY = '日期不存在，请检查年月日';
