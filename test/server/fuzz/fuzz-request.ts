import fc from 'fast-check';
import { encodeLoose, headerGarbage, hostileValue, HUGE, jsonText, RAW_SEGMENTS, urlHostileString } from './hostile';
import { mutatedObject, mutatedValue, validObject, validValue, type JsonSchema, type ValueContext } from './schema-values';

export interface Operation {
  /** `POST /api/v1/tickets/{id}`, as the OpenAPI document names it. */
  key: string;
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  body?: JsonSchema;
  multipart: boolean;
}

export type OpenApiDoc = { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query').map((p) => ({ name: p.name, in: p.in as 'path' | 'query', schema: p.schema })),
        body: content['application/json']?.schema ?? content['multipart/form-data']?.schema,
        multipart: 'multipart/form-data' in content,
      };
    }),
  );
}

export interface Caller {
  name: string;
  token?: string;
}

export function excerpt(s: string, limit = 200): string {
  const shown = JSON.stringify(s.length > limit ? s.slice(0, limit) : s);
  return s.length > limit ? `${shown}…(${s.length} chars)` : shown;
}

/** One generated request; prints short (a 100k string or 5,000 brackets would bury the counterexample). */
export class FuzzRequest {
  constructor(
    readonly actor: string,
    readonly method: string,
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly body: string | undefined,
  ) {}
  toString(): string {
    const headers = Object.entries(this.headers)
      .map(([k, v]) => `${k}: ${excerpt(v, 80)}`)
      .join('; ');
    return `${this.method} ${excerpt(this.url, 300)} as ${this.actor} [${headers}]${this.body === undefined ? '' : ` body=${excerpt(this.body, 300)}`}`;
  }
  [fc.toStringMethod](): string {
    return this.toString();
  }
}

const ODD_CONTENT_TYPES = [
  'text/plain',
  'multipart/form-data',
  'multipart/form-data; boundary=zzz',
  'application/x-www-form-urlencoded',
  'application/json; charset=bogus',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'application/problem+json',
  'application/xml',
  '*/*',
  '',
];
const GARBAGE_BODIES = ['{', '{"a":', 'undefined', "{'a':1}", '\u0000', '', HUGE, '[1,2', 'NaN', '{"a":1}{"b":2}', ' '.repeat(1000), '\ufeff{}'];
const BOUNDARY = 'fuzzBoundary7MA4YWxk';

/** A multipart form as the upload route reads it: a purpose field and a file part, both fuzzed. */
function multipartForm(schema: JsonSchema | undefined, ctx: ValueContext): fc.Arbitrary<string> {
  const purpose = schema?.properties?.purpose;
  const field = purpose ? fc.oneof(validValue(purpose, 'purpose', ctx), mutatedValue(purpose, 'purpose', ctx)) : hostileValue;
  const fileName = fc.oneof(fc.constantFrom('photo.jpg', 'a.wav', 'x.pdf', '../../etc/passwd', '\u202Egpj.exe', ''), fc.string({ maxLength: 20 }));
  const bytes = fc.oneof(fc.constantFrom('\xff\xd8\xff\xe0 not really a jpeg', 'RIFF\0\0\0\0WAVE', '%PDF-1.4 broken', ''), fc.string({ unit: 'binary', maxLength: 200 }));
  return fc
    .tuple(field, fileName, bytes, fc.boolean(), fc.boolean())
    .map(([p, name, data, withPurpose, withFile]) =>
      [
        withPurpose ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${typeof p === 'string' ? p : jsonText(p)}\r\n` : '',
        withFile ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name.replace(/["\r\n]/g, '')}"\r\nContent-Type: image/jpeg\r\n\r\n${data}\r\n` : '',
        `--${BOUNDARY}--\r\n`,
      ].join(''),
    );
}

/** The real-id pool for a path parameter: `id` takes its meaning from the segment before it (`/tickets/{id}` → tickets). */
function paramName(path: string, name: string): string {
  if (name !== 'id') return name;
  const segments = path.split('/');
  return segments[segments.indexOf('{id}') - 1] ?? name;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : jsonText(v));

function pathArb(op: Operation, ctx: ValueContext): fc.Arbitrary<string> {
  const pieces = op.path.split(/(\{\w+\})/).map((piece): fc.Arbitrary<string> => {
    const m = /^\{(\w+)\}$/.exec(piece);
    if (!m) return fc.constant(piece);
    const schema = op.params.find((p) => p.in === 'path' && p.name === m[1])?.schema ?? {};
    const name = paramName(op.path, m[1]!);
    return fc.oneof(
      { weight: 6, arbitrary: validValue(schema, name, ctx).map((v) => encodeLoose(asText(v))) },
      { weight: 2, arbitrary: fc.oneof(urlHostileString, mutatedValue(schema, name, ctx).map(asText)).map(encodeLoose) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    );
  });
  return fc.tuple(...pieces).map((parts) => parts.join(''));
}

function queryArb(op: Operation, ctx: ValueContext): fc.Arbitrary<string> {
  const perParam = op.params
    .filter((p) => p.in === 'query')
    .map((p) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
        { weight: 3, arbitrary: validValue(p.schema, p.name, ctx).map((v): [string, string][] => [[p.name, asText(v)]]) },
        { weight: 2, arbitrary: fc.oneof(urlHostileString, mutatedValue(p.schema, p.name, ctx).map(asText)).map((v): [string, string][] => [[p.name, v]]) },
        // The same key twice: the parsed query holds an array where a string is expected.
        { weight: 1, arbitrary: validValue(p.schema, p.name, ctx).map((v): [string, string][] => [[p.name, asText(v)], [p.name, asText(v)]]) },
      ),
    );
  const extra = fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', '__proto__[admin]', 'a[b][c]', 'limit', 'cursor'), urlHostileString), { freq: 4 });
  return fc.tuple(fc.tuple(...perParam), extra).map(([lists, more]) => {
    const pairs = [...lists.flat(), ...(more ? [more] : [])];
    return pairs.length ? `?${pairs.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&')}` : '';
  });
}

type Body = { text?: string; contentType?: string };

function bodyArb(op: Operation, ctx: ValueContext): fc.Arbitrary<Body> {
  // fetch refuses a body on GET; a GET is fuzzed through its path, query and headers.
  if (op.method === 'GET') return fc.constant({});
  const json = (text: fc.Arbitrary<string>): fc.Arbitrary<Body> =>
    fc.tuple(text, fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES) })).map(([t, ct]) => ({ text: t, contentType: ct }));
  const options: fc.WeightedArbitrary<Body>[] = [
    { weight: 1, arbitrary: json(fc.json({ maxDepth: 3 })) },
    { weight: 1, arbitrary: json(hostileValue.map(jsonText)) },
    { weight: 1, arbitrary: json(fc.constantFrom(...GARBAGE_BODIES)) },
    { weight: op.body ? 1 : 4, arbitrary: fc.oneof({ weight: 3, arbitrary: fc.constant<Body>({}) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES).map((ct) => ({ contentType: ct })) }) },
  ];
  if (op.body && !op.multipart) {
    options.push({ weight: 5, arbitrary: json(mutatedObject(op.body, ctx).map(jsonText)) }, { weight: 3, arbitrary: json(validObject(op.body, ctx).map(jsonText)) });
  }
  if (op.multipart) {
    const type = fc.oneof({ weight: 4, arbitrary: fc.constant(`multipart/form-data; boundary=${BOUNDARY}`) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES) });
    options.push({ weight: 5, arbitrary: fc.tuple(multipartForm(op.body, ctx), type).map(([text, contentType]) => ({ text, contentType })) });
  }
  return fc.oneof(...options);
}

/** Authorization a client should never get anything for; none of them is the caller's token as the server reads it. */
function hostileAuthorization(token: string | undefined): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [
    headerGarbage.map((g) => `Bearer ${g}`),
    fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/).map((t) => `Bearer ${t}`),
    fc.constantFrom('Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', ''),
  ];
  if (token) options.push(fc.constantFrom(`Bearer ${token}x`, `bearer ${token}`, `Bearer  ${token}`, token, `Bearer ${token.slice(0, -1)}`));
  return fc.oneof(...options);
}

export interface RequestOptions {
  /** Never send the caller's real token (a route whose success would end the session the rest of the run needs). */
  hostileAuthOnly?: boolean;
}

export function requestArb(op: Operation, caller: Caller, ctx: ValueContext, options: RequestOptions = {}): fc.Arbitrary<FuzzRequest> {
  const none = fc.constant<string | undefined>(undefined);
  const authorization =
    caller.token && !options.hostileAuthOnly
      ? fc.oneof({ weight: 8, arbitrary: fc.constant<string | undefined>(`Bearer ${caller.token}`) }, { weight: 2, arbitrary: hostileAuthorization(caller.token) })
      : fc.oneof({ weight: 3, arbitrary: none }, { weight: 2, arbitrary: hostileAuthorization(caller.token) });
  const idempotencyKey = op.method === 'GET' ? none : fc.oneof({ weight: 5, arbitrary: none }, { weight: 2, arbitrary: fc.constantFrom('fuzz-key-1', 'fuzz-key-2') }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: headerGarbage });
  const requestId = fc.oneof({ weight: 5, arbitrary: none }, { weight: 1, arbitrary: headerGarbage });
  const accept = fc.oneof({ weight: 5, arbitrary: none }, { weight: 1, arbitrary: fc.constantFrom('application/xml', 'text/html', '*/*;q=0', 'application/problem+json', 'text/event-stream') });
  return fc
    .record({ path: pathArb(op, ctx), query: queryArb(op, ctx), body: bodyArb(op, ctx), authorization, idempotencyKey, requestId, accept })
    .map((r) => {
      const headers: Record<string, string> = {};
      if (r.authorization !== undefined) headers.authorization = r.authorization;
      if (r.body.contentType !== undefined) headers['content-type'] = r.body.contentType;
      if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
      if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
      if (r.accept !== undefined) headers.accept = r.accept;
      return new FuzzRequest(caller.name, op.method, `${r.path}${r.query}`, headers, r.body.text);
    });
}
