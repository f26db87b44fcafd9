import { body } from '../../support/http';
import { z } from 'zod';
import { probe, withProbes } from '../../support/probes';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The error funnel, seen from a client. A probe route with a body schema and
 * one that fails unexpectedly are mounted next to the real API through the
 * same pipeline (validation, access, problem+json) every feature route uses.
 */
const Body = z.object({
  name: z.string().min(1).max(20),
  contact: z.object({ phone: z.string().regex(/^1\d{10}$/) }),
  count: z.number().int().positive().optional(),
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    app: withProbes(
      probe({
        method: 'post',
        path: '/probe/echo',
        body: Body,
        response: z.object({ name: z.string() }),
        status: 201,
        handler: async ({ body }: { body: z.infer<typeof Body> }) => ({ name: body.name, secret: 'dropped by the response schema' }),
      }),
      probe({
        method: 'get',
        path: '/probe/crash',
        response: z.object({}),
        handler: async () => {
          throw new Error('database password is hunter2 at /srv/scopedesk');
        },
      }),
      probe({
        method: 'get',
        path: '/probe/private',
        access: { permission: 'admin.jobs' },
        response: z.object({}),
        handler: async () => ({}),
      }),
    ),
  });
});
afterAll(() => server.close());

async function problemOf(res: Response): Promise<any> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = await body(res);
  expect(problem.instance).toBe(res.headers.get('x-request-id'));
  expect(problem.type).toMatch(/^urn:scopedesk:problem:/);
  return problem;
}

const post = (path: string, body: string, type = 'application/json') =>
  fetch(server.api(path), { method: 'POST', headers: { 'content-type': type }, body });

describe('problem+json error funnel', () => {
  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await fetch(server.api('/no-such-thing'));
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await fetch(server.api('/health'), { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    expect((await problemOf(res)).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await post('/probe/echo', '{"name": "张三",');
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe('MALFORMED_JSON');
  });

  it('answers a body failing validation with 422 naming each field, and logs the details', async () => {
    const res = await post('/probe/echo', JSON.stringify({ name: '', contact: { phone: '12345' }, count: -1 }));
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contact.phone', 'count', 'name']);
    const line = server.logs.find((l) => l.reqId === problem.instance && l.problemCode === 'VALIDATION_FAILED');
    expect(line).toMatchObject({ status: 422, fieldErrors: expect.arrayContaining([expect.objectContaining({ path: 'contact.phone' })]) });
  });

  it('accepts a valid body and returns only the declared response fields', async () => {
    const res = await post('/probe/echo', JSON.stringify({ name: '李四', contact: { phone: '13800000004' } }));
    expect(res.status).toBe(201);
    expect(await body(res)).toEqual({ name: '李四' });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await post('/probe/echo', 'name=x', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect((await problemOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post('/probe/echo', JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('turns an unexpected error into a generic 500: the client gets no detail, the log gets all of it', async () => {
    const res = await fetch(server.api('/probe/crash'));
    expect(res.status).toBe(500);
    const text = await res.clone().text();
    const problem = await problemOf(res);
    expect(problem.code).toBe('INTERNAL');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('/srv/');
    const line = server.logs.find((l) => l.reqId === problem.instance && l.level === 50);
    expect(JSON.stringify(line)).toContain('hunter2');
    expect(JSON.stringify(line)).toContain('stack');
  });

  it('asks for a session on a route that needs a permission (401), before validating anything', async () => {
    const res = await fetch(server.api('/probe/private'));
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe('UNAUTHENTICATED');
  });
});
