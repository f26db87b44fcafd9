import { z } from 'zod';
import { probe, withProbes } from '../../support/probes';
import { ERROR_CODES } from '../../../shared/errors';
import { startTestServer, type TestServer } from '../../support/test-server';

type Http = typeof import('../../../miniapp/src/services/http');
type Health = typeof import('../../../miniapp/src/services/health');
type Errors = typeof import('../../../miniapp/src/services/errors.zh');
type ApiErrors = typeof import('../../../miniapp/src/services/api-error');
type Token = typeof import('../../../miniapp/src/services/token');

/** The app's modules, loaded as a build with TARO_APP_API_BASE=base would see them. */
function loadApp(base: string) {
  process.env.TARO_APP_API_BASE = base;
  let mods!: { http: Http; health: Health; errors: Errors; apiErrors: ApiErrors; token: Token };
  jest.isolateModules(() => {
    mods = {
      http: require('../../../miniapp/src/services/http'),
      health: require('../../../miniapp/src/services/health'),
      errors: require('../../../miniapp/src/services/errors.zh'),
      apiErrors: require('../../../miniapp/src/services/api-error'),
      token: require('../../../miniapp/src/services/token'),
    };
  });
  return mods;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    app: withProbes(
      probe({
        method: 'post',
        path: '/probe/headers',
        body: z.object({ description: z.string().min(5) }),
        response: z.object({ idempotencyKey: z.string(), authorization: z.string() }),
        handler: async ({ ctx }) => ({ idempotencyKey: ctx.get('idempotency-key'), authorization: ctx.get('authorization') }),
      }),
    ),
  });
});
afterAll(() => server.close());

describe('mini-program API client against a real server', () => {
  it('reads the service status the home page shows', async () => {
    const { health } = loadApp(server.url);
    await expect(health.getHealth()).resolves.toEqual({ status: 'ok', region: 'cn-mainland', version: expect.any(String) });
  });

  it('sends the session token and the idempotency key', async () => {
    const { http, token } = loadApp(server.url);
    token.setToken('session-token-abc');
    const echoed = await http.request('/probe/headers', { method: 'POST', body: { description: '胃镜图像有黑点' }, idempotencyKey: 'key-123' });
    expect(echoed).toEqual({ idempotencyKey: 'key-123', authorization: 'Bearer session-token-abc' });
    token.clearToken();
  });

  it('turns problem+json into an ApiError with the code, field errors and request id', async () => {
    const { http, apiErrors, errors } = loadApp(server.url);
    const err = await http.request('/probe/headers', { method: 'POST', body: { description: '短' } }).catch((e) => e);
    expect(apiErrors.isApiError(err)).toBe(true);
    expect(err).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [expect.objectContaining({ path: 'description' })] });
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(errors.messageOf(err)).toMatch(/[\u4e00-\u9fa5]/);

    const missing = await http.request('/no-such-route').catch((e) => e);
    expect(missing).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('reports an unreachable server as SERVICE_UNAVAILABLE with a Chinese message', async () => {
    const { health, errors } = loadApp('http://127.0.0.1:9'); // discard port: nothing listens
    const err = await health.getHealth().catch((e) => e);
    expect(err).toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });
    expect(errors.messageOf(err)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('has Chinese text for every error code the server can send', () => {
    const { errors, apiErrors } = loadApp(server.url);
    for (const code of ERROR_CODES) {
      const message = errors.messageOf(new apiErrors.ApiError({ status: 400, code, title: code }));
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
