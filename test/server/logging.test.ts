import { captureLogger } from '../support/log-capture';
import { startTestServer } from '../support/test-server';

const capture = () => captureLogger();

describe('logs keep personal data out', () => {
  it('redacts phones, names, tokens and WeChat ids wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info({ phone: '13800000004', user: { name: '王小明', openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }, req: { headers: { authorization: 'Bearer abc.def' } }, token: 'tok_123' }, 'x');
    const text = lines.join('');
    for (const secret of ['13800000004', '王小明', 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', 'abc.def', 'tok_123']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('logs each request by path, without its query string', async () => {
    const server = await startTestServer();
    try {
      await fetch(server.api('/health?q=13800000004'));
      const line = server.logs.find((l) => l.msg === 'request' && l.path === '/api/v1/health');
      expect(line).toMatchObject({ method: 'GET', status: 200, reqId: expect.any(String) });
      expect(JSON.stringify(server.logs)).not.toContain('13800000004');
    } finally {
      await server.close();
    }
  });
});
