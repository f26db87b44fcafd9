import net from 'node:net';
import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * What the API fuzz (test/server/fuzz) found, held down case by case on both
 * dialects: input PostgreSQL cannot store faithfully is refused as a field
 * error for every route alike, a value longer than its column is a field
 * error rather than a 500, and a request Node's own parser refuses still gets
 * problem+json.
 */
let server: TestServer;
let staff: string;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true' }, background: { outbox: false } });
  staff = (await login(server, '13800000004', { consent: ['service'] })).token;
  admin = (await login(server, '13800000001', { consent: ['service'] })).token;
}, 60_000);
afterAll(() => server.close());

function expectFieldError(res: { status: number; headers: Headers; body: any }, path: string) {
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.errors).toEqual([{ path, message: '含有无法识别的字符，请删除后重试' }]);
}

const count = async (sql: string, params: unknown[]) => Number((await rows<{ n: number }>(server.running.orm, sql, params))[0]!.n);

describe('characters no database keeps alike', () => {
  it('refuses a report whose description holds NUL, and stores nothing (PostgreSQL answered 503 before)', async () => {
    const me = await call(server, 'GET', '/me', { token: staff });
    const description = '图像发暗\u0000请检查';
    const res = await call(server, 'POST', '/tickets', {
      token: staff,
      body: { departmentId: me.body.profile.department.id, model: 'GIF-H290', serial: 'NUL001', description, contactName: '李静', contactPhone: '13800000004', contactConsent: false },
    });
    expectFieldError(res, 'description');
    expect(await count('select count(*) as n from ticket where serial = ?', ['NUL001'])).toBe(0);
  });

  it('refuses NUL in a query string and in a path segment', async () => {
    expectFieldError(await call(server, 'GET', '/hospitals?q=a%00b', { token: staff }), 'query.q');
    expectFieldError(await call(server, 'GET', '/equipment/by-code/a%00bc', { token: staff }), 'params.code');
  });

  it('refuses half of a surrogate pair (PostgreSQL stored U+FFFD instead), and keeps the name as it was', async () => {
    const before = (await call(server, 'GET', '/me', { token: staff })).body.profile.name;
    expectFieldError(await call(server, 'PATCH', '/me', { token: staff, body: { name: '李\ud800静' } }), 'name');
    expect((await call(server, 'GET', '/me', { token: staff })).body.profile.name).toBe(before);
  });

  it('takes emoji and other characters outside the basic plane (proper pairs) as they are', async () => {
    const res = await call(server, 'GET', `/hospitals?q=${encodeURIComponent('北京😀')}`, { token: staff });
    expect(res.status).toBe(200);
  });
});

it('refuses a policy version longer than its column with a field error, not a 500 (PostgreSQL)', async () => {
  const version = `1.${'0'.repeat(24)}`;
  const res = await call(server, 'POST', '/admin/privacy/policies', {
    token: admin,
    body: { version, title: 'ScopeDesk 隐私政策', text: '仅修改了错别字，不影响您的权利和我们的处理方式。'.repeat(2), material: false },
  });
  expect(res.status).toBe(422);
  expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['version']);
  expect(await count('select count(*) as n from policy_version where version = ?', [version])).toBe(0);
});

describe("requests Node's HTTP parser refuses before any route", () => {
  /** A raw exchange: fetch cannot send what these tests send. */
  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(server.running.port, '127.0.0.1', () => socket.write(request));
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  function problemIn(answer: string) {
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    return { statusLine: head!.split('\r\n')[0], problem: JSON.parse(body!) };
  }

  it('answers a head over the size limit with 431 problem+json', async () => {
    const { statusLine, problem } = problemIn(await raw(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(problem).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('answers a request that is not HTTP with 400 problem+json', async () => {
    const { statusLine, problem } = problemIn(await raw('HELLO THERE\r\n\r\n'));
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(problem).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });
});
