import { body } from '../support/http';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('health and docs', () => {
  it('reports status, data region and version', async () => {
    const res = await fetch(server.api('/health'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await body(res)).toEqual({ status: 'ok', region: 'cn-mainland', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('is ready when the database answers', async () => {
    const res = await fetch(server.api('/ready'));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('reports not ready, as problem+json, once the database is gone', async () => {
    // No background work: with its pool closed under it, the worker's next poll would wait for a connection that never comes.
    const other = await startTestServer({ background: { outbox: false } });
    await other.running.orm.close(true);
    const res = await fetch(other.api('/ready'));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await body(res)).code).toBe('SERVICE_UNAVAILABLE');
    await other.close().catch(() => undefined);
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await fetch(server.api('/openapi.json'));
    expect(res.status).toBe(200);
    const doc = await body(res);
    expect(doc.openapi).toBe('3.1.0');
    const health = doc.paths['/api/v1/health'].get;
    expect(health['x-permission']).toBe('public');
    expect(health.responses['200'].content['application/json'].schema.properties.region.enum).toEqual(['cn-mainland']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/ready', '/api/v1/openapi.json']));
  });

  it('tags every response with a request id, and honours a sane incoming one', async () => {
    const res = await fetch(server.api('/health'), { headers: { 'X-Request-Id': 'trace-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    const bad = await fetch(server.api('/health'), { headers: { 'X-Request-Id': 'no spaces <allowed>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
