import fc from 'fast-check';
import { hostileValue, PROTO_KEYS, RawJson, withKey, withoutKey, wrongTypeFor, HUGE } from './hostile';

/** The part of JSON Schema the OpenAPI document uses (zod-to-openapi output: no $ref, no anyOf). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** What the running server holds, so generated ids and codes can be real ones and reach past "not found". */
export interface ValueContext {
  /** Real ids worth trying for a field or parameter of this name (may be empty). */
  idsFor(name: string): string[];
  /** Known-good values for a field of this name (a demo phone, a job name, the current policy version). */
  hints(name: string): unknown[];
  /** The schema valid values are drawn from, where the published one allows values too costly to send. */
  narrow(name: string, schema: JsonSchema): JsonSchema;
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

// One UTF-16 unit per character, so min/max lengths mean what they say; now and then one a database or a
// renderer chokes on (NUL, a lone surrogate, an RTL override), inside a value that is otherwise valid.
const textChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 4, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\ufeff', '\u0301', '\u0007', '\u2028') },
);

function validString(s: JsonSchema, name: string, ctx: ValueContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 40);
  if (s.format === 'uuid') {
    const ids = ctx.idsFor(name);
    return ids.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }
  if (s.format === 'date-time') {
    return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: textChar, minLength: min, maxLength: Math.min(max, min + 40) }) },
    // The longest value allowed: boundaries are where truncation and column sizes go wrong.
    { weight: 1, arbitrary: fc.constant('字'.repeat(max)) },
  );
}

function validNumber(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const hi = s.maximum ?? Math.max(lo, 1_000_000);
  const inner = integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 3, arbitrary: inner }, { weight: 1, arbitrary: fc.constantFrom(Math.ceil(lo), Math.floor(hi)) });
}

/** A value the schema accepts (nearly always: generated text can still trip a server-side rule beyond the schema). */
export function validValue(s: JsonSchema, name: string, ctx: ValueContext): fc.Arbitrary<unknown> {
  const base = baseValid(ctx.narrow(name, s), name, ctx);
  const hints = ctx.hints(name);
  return hints.length ? fc.oneof(fc.constantFrom(...hints), base) : base;
}

function baseValid(s: JsonSchema, name: string, ctx: ValueContext): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  if (!types.length) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'string':
          return validString(s, name, ctx);
        case 'integer':
          return validNumber(s, true);
        case 'number':
          return validNumber(s, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array': {
          const min = s.minItems ?? 0;
          return fc.array(validValue(s.items ?? {}, name, ctx), { minLength: min, maxLength: Math.min(s.maxItems ?? min + 4, min + 4) });
        }
        case 'object':
          return validObject(s, ctx);
        default:
          return fc.jsonValue({ maxDepth: 1 });
      }
    }),
  );
}

export function validObject(s: JsonSchema, ctx: ValueContext): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, validValue(p, k, ctx)]));
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Values just outside what the schema allows: one past each limit, a broken format, a near-miss of the enum. */
function violations(s: JsonSchema): unknown[] {
  const out: unknown[] = [];
  const types = typesOf(s);
  if (s.enum?.length) {
    const first = String(s.enum[0]);
    out.push(first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(), `${first} `, `${first}\u0000`, '');
  }
  if (types.includes('string')) {
    if (s.maxLength !== undefined) out.push('x'.repeat(s.maxLength + 1), '😀'.repeat(s.maxLength));
    if (s.minLength) out.push('x'.repeat(s.minLength - 1), ' '.repeat(s.minLength + 1));
    if (s.pattern) out.push('abc!', '１２３４５６', '1'.repeat(200));
    if (s.format === 'uuid') out.push('not-a-uuid', '00000000-0000-0000-0000-00000000000g', `${'a'.repeat(8)}-aaaa-aaaa-aaaa-${'a'.repeat(13)}`, "' or 1=1 --");
    if (s.format === 'date-time') out.push('2024-13-45T25:61:00Z', '2024-01-01', 'yesterday', '0000-00-00T00:00:00Z', '+275760-09-13T00:00:01Z');
  }
  if (types.includes('integer') || types.includes('number')) {
    const lo = s.minimum ?? s.exclusiveMinimum;
    if (lo !== undefined) out.push(s.exclusiveMinimum !== undefined ? lo : lo - 1, -1e308);
    if (s.maximum !== undefined) out.push(s.maximum + 1, 1e308, new RawJson('1e400'));
    if (types.includes('integer')) out.push(1.5, new RawJson('1.0000000000000001'), 2 ** 53 + 1);
    out.push('1', 'NaN', '-0');
  }
  if (types.includes('array')) {
    if (s.minItems) out.push([]);
  }
  return out;
}

/**
 * Something wrong with a value of this schema: a near-miss, the wrong type,
 * anything hostile, or (for objects and arrays) a valid container with one
 * member made wrong, so checks beyond the first one are reached.
 */
export function mutatedValue(s: JsonSchema, name: string, ctx: ValueContext, depth = 0): fc.Arbitrary<unknown> {
  const types = typesOf(s);
  const options: fc.Arbitrary<unknown>[] = [hostileValue];
  const near = violations(s);
  if (near.length) options.push(fc.constantFrom(...near));
  if (types.length) options.push(wrongTypeFor(types));
  if (depth < 3 && types.includes('object')) options.push(mutatedObject(s, ctx, depth + 1));
  if (depth < 3 && types.includes('array')) options.push(mutatedArray(s, name, ctx, depth + 1));
  return fc.oneof(...options);
}

const DELETE = Symbol('delete');

/** A valid object with exactly one thing changed: a field made wrong, a required one dropped, or a prototype key added. */
export function mutatedObject(s: JsonSchema, ctx: ValueContext, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const changes: fc.Arbitrary<[string, unknown]>[] = props.map(([k, p]) =>
    fc.tuple(fc.constant(k), required.has(k) ? fc.oneof({ weight: 4, arbitrary: mutatedValue(p, k, ctx, depth) }, { weight: 1, arbitrary: fc.constant<unknown>(DELETE) }) : mutatedValue(p, k, ctx, depth)),
  );
  changes.push(fc.tuple(fc.constantFrom(...PROTO_KEYS, 'toString', 'hasOwnProperty', '', HUGE.slice(0, 1000)), hostileValue));
  return fc.tuple(validObject(s, ctx), fc.oneof(...changes)).map(([obj, [k, v]]) => (v === DELETE ? withoutKey(obj, k) : withKey(obj, k, v)));
}

function mutatedArray(s: JsonSchema, name: string, ctx: ValueContext, depth: number): fc.Arbitrary<unknown[]> {
  const item = s.items ?? {};
  const one = fc
    .tuple(fc.array(validValue(item, name, ctx), { minLength: 1, maxLength: 4 }), fc.nat(), mutatedValue(item, name, ctx, depth))
    .map(([xs, i, bad]) => xs.map((x, j) => (j === i % xs.length ? bad : x)));
  if (s.maxItems === undefined) return one;
  const tooMany = fc.array(validValue(item, name, ctx), { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 });
  return fc.oneof(one, tooMany);
}
