/**
 * Where a credential appears in log lines. A six-digit code counts only as a
 * whole word inside a string value (not as part of an id, a phone number or
 * a number field, where six digits turn up by chance); anything longer
 * counts anywhere in the line.
 */
export function credentialLeaks(lines: Record<string, unknown>[], credentials: Iterable<string>): string[] {
  const all = [...credentials];
  const codes = all.filter((c) => /^\d{6}$/.test(c)).map((c) => ({ c, re: new RegExp(`(?<![0-9A-Za-z])${c}(?![0-9A-Za-z])`) }));
  const long = all.filter((c) => !/^\d{6}$/.test(c));
  const found: string[] = [];
  for (const line of lines) {
    const text = JSON.stringify(line);
    for (const c of long) if (text.includes(c)) found.push(`${c.slice(0, 4)}… in ${text.slice(0, 300)}`);
    if (!codes.length) continue;
    for (const s of stringsOf(line)) for (const { c, re } of codes) if (re.test(s)) found.push(`code ${c} in ${text.slice(0, 300)}`);
  }
  return found;
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}
