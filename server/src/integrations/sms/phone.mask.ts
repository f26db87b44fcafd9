import { maskPhone } from '../../../../shared/phone';

/** Replaces the number, with or without `+86`, wherever it appears in a provider's text. */
export function scrubPhone(text: string, phone: string): string {
  const digits = phone.replace(/^\+86/, '');
  return digits.length < 7 ? text : text.split(`+86${digits}`).join(maskPhone(digits)).split(digits).join(maskPhone(digits));
}
