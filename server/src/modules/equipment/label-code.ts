/**
 * The serial number inside a scanned label: our own QR payload is the label
 * code itself; a GS1 DataMatrix carries the serial in application identifier
 * 21, either bracketed `(01)…(21)SERIAL` or raw `01…21SERIAL<GS>…`.
 */
export function serialFromLabel(code: string): string | undefined {
  const bracketed = /\(21\)([^()]+)/.exec(code);
  if (bracketed) return bracketed[1]!.trim();
  const raw = /^(?:\]d2)?01\d{14}(?:17\d{6})?(?:10[^\x1d]*\x1d)?21([^\x1d]+)/.exec(code);
  return raw ? raw[1]!.trim() : undefined;
}

/**
 * The code printed on our own labels (and carried by their QR code): the
 * serial behind a fixed prefix, as the demo data has it, so a label stays
 * readable by eye and `GET /equipment/by-code/:code` finds the unit by it.
 */
export function labelCodeFor(serial: string): string {
  return `SDEQ-${serial}`;
}
