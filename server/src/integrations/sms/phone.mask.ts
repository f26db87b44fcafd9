/** `13800000004` → `138****0004`: enough to tell numbers apart in a log, not to call one. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86/, '').replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** Replaces the number, with or without `+86`, wherever it appears in a provider's text. */
export function scrubPhone(text: string, phone: string): string {
  const digits = phone.replace(/^\+86/, '');
  return digits.length < 7 ? text : text.split(`+86${digits}`).join(maskPhone(digits)).split(digits).join(maskPhone(digits));
}
