import fc from 'fast-check';

/** JSON text placed verbatim in a body: what JSON.stringify cannot write (1e400, -0, 5,000 levels, a `__proto__` key). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Serialises a generated value; RawJson pieces go in as they are, so the body can be hostile and still be JSON. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A copy of `obj` with `key` set as an own property: plain assignment of `__proto__` would swap the prototype instead. */
export function withKey(obj: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function withoutKey(obj: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
}

export const HUGE = 'x'.repeat(100_000);
const HUGE_EMOJI = '😀'.repeat(50_000);
const DEEP_ARRAY = new RawJson(`${'['.repeat(5000)}${']'.repeat(5000)}`);
const DEEP_OBJECT = new RawJson(`${'{"a":'.repeat(5000)}null${'}'.repeat(5000)}`);
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const PROTO_OBJECTS = [
  new RawJson('{"__proto__":{"isAdmin":true,"role":"admin","permissions":["admin.access"]}}'),
  new RawJson('{"constructor":{"prototype":{"isAdmin":true}}}'),
  new RawJson('{"prototype":{"polluted":true}}'),
];
// Lone surrogates are legal in JSON as \u escapes (JSON.stringify writes them so) and in a URL as raw WTF-8 bytes.
const UNICODE = ['👩‍⚕️🔧🇨🇳', '\u202Eabc\u202C', 'مرحبا بالعالم', 'שלום', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ufeff', '\u200b\u200d', 'e\u0301\u0301\u0301', '𝕏𝕐𝕫', '张晓燕', 'İı'];
const INJECTION = ["' or 1=1 --", '%', '_', '%_%', '\\', '"; drop table ticket; --', '${7*7}', '<script>alert(1)</script>', '../../etc/passwd', 'null', 'undefined', ' ', '\t\n'];
const NUMBERISH = ['NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '-0', '0x10', '1_000', ' 1', '+1', '1.0', '١٢٣', '99999999999999999999'];
const NUMBERS = [1e308, -1e308, -0, 0, -1, 2 ** 53 + 1, 0.5, 1.5, 5e-324];
const RAW_NUMBERS = ['1e400', '-1e400', '-0', '1E-400', '123456789012345678901234567890'].map((t) => new RawJson(t));
const WRONG_TYPES: unknown[] = [null, true, false, [], {}, '', [null], [[]], { '': '' }];

/** Every kind of value a careless or hostile client sends; each is valid JSON once serialised with jsonText. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(HUGE, HUGE_EMOJI, DEEP_ARRAY, DEEP_OBJECT),
  fc.constantFrom(...PROTO_OBJECTS),
  fc.constantFrom(...UNICODE),
  fc.constantFrom(...INJECTION),
  fc.constantFrom(...NUMBERISH),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...RAW_NUMBERS),
  fc.constantFrom(...WRONG_TYPES),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value of a JSON type other than those listed: always fails a type check. */
export function wrongTypeFor(types: string[]): fc.Arbitrary<unknown> {
  const all: [string, unknown[]][] = [
    ['string', ['', 'x', '1', HUGE]],
    ['number', [0, 1e308, -0, 1.5, new RawJson('1e400')]],
    ['integer', [0, -1, 1e308]],
    ['boolean', [true, false]],
    ['null', [null]],
    ['array', [[], [null], DEEP_ARRAY]],
    ['object', [{}, DEEP_OBJECT, ...PROTO_OBJECTS]],
  ];
  const numeric = types.includes('number') || types.includes('integer');
  const others = all.filter(([t]) => !types.includes(t) && !(numeric && (t === 'number' || t === 'integer'))).flatMap(([, v]) => v);
  return fc.constantFrom(...others);
}

/** Path segments sent as written, not encoded: broken escapes, NUL, an encoded slash, a lone surrogate as raw bytes. */
export const RAW_SEGMENTS = ['%', '%zz', '%00', '%2F', '..', '%2e%2e', '%ED%A0%80', '%C0%AF', '%FF', '%E4%B8', ''];

/** Strings worth putting in a URL; the 100k one makes a request line Node's parser refuses (see HEAD_OVERFLOW). */
export const urlHostileString: fc.Arbitrary<string> = fc.oneof(
  // Rare: past 16 KB every such request gets the same answer from Node's parser, before the app.
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 3, arbitrary: fc.constant('y'.repeat(8_000)) },
  { weight: 8, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 8, arbitrary: fc.constantFrom(...INJECTION) },
  { weight: 8, arbitrary: fc.constantFrom(...NUMBERISH) },
  { weight: 4, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 8, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/**
 * Percent-encodes every code point, lone surrogates included (as the bytes
 * UTF-8 would give them, which no decoder accepts): encodeURIComponent
 * throws on those, and they are exactly what the server should survive.
 */
export function encodeLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/^[A-Za-z0-9._~-]$/.test(ch)) out += ch;
    else out += utf8Bytes(ch.codePointAt(0)!).map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** Header values fetch will send (printable ASCII): the hostile part is length and shape, not bytes it refuses itself. */
export const headerGarbage: fc.Arbitrary<string> = fc.oneof(
  { weight: 16, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }) },
  { weight: 8, arbitrary: fc.constantFrom('', ' ', 'null', 'undefined', '__proto__', '../../', "' or 1=1 --") },
  { weight: 3, arbitrary: fc.constant('x'.repeat(8_000)) },
  // Rare, as in urlHostileString: over 16 KB only Node's parser answers.
  { weight: 1, arbitrary: fc.constant('A'.repeat(20_000)) },
);
