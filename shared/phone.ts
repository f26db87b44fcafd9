/** `13800000004` → `138****0004`: enough to tell numbers apart, not to call one. Masked is the default display. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86/, '').replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** Only the last four digits (`*******0004`): what an advanced viewer sees of a colleague's contact (access-matrix.md). */
export function maskPhoneLast4(phone: string): string {
  return `${'*'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
}
