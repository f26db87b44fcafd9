import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../../server/src');

/** Code of every server source file, comments removed (a comment may say "fetch" freely). */
function sources(): { file: string; code: string }[] {
  const files = (fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts'));
  return files.map((file) => ({
    file: file.split(path.sep).join('/'),
    code: fs
      .readFileSync(path.join(SRC, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, ''),
  }));
}

/** Ways server code could open an outbound connection. */
const OUTBOUND = /\bfetch\s*\)?\s*\(|\bhttps?\.(request|get)\s*\(|\bnet\.(connect|createConnection)\s*\(|from 'undici'|from '@aws-sdk\/client-s3'|\bnew WebSocket\s*\(/;

/**
 * OWASP API7 (server-side request forgery): no route fetches a URL a user
 * supplied. The server calls out in exactly three places — WeChat, Tencent
 * SMS and object storage — each to a base URL from the configuration and a
 * path fixed in code. A new outbound call anywhere else fails here until it
 * is reviewed and added.
 */
describe('outbound requests', () => {
  it('are made only by the three integrations', () => {
    const callers = sources()
      .filter((s) => OUTBOUND.test(s.code))
      .map((s) => s.file)
      .sort();
    expect(callers).toEqual(['integrations/sms/tencent-sms.provider.ts', 'integrations/storage/s3.storage.ts', 'integrations/wechat/wechat.http.ts']);
  });

  it('go to WeChat paths written in the code, never to one built from input', () => {
    const client = sources().find((s) => s.file === 'integrations/wechat/wechat.client.ts')!.code;
    const apis = [...client.matchAll(/const api = (.+);/g)].map((m) => m[1]!);
    expect(apis.length).toBeGreaterThanOrEqual(5);
    for (const api of apis) expect(api).toMatch(/^'\/[a-z0-9_/-]+'$/);
    // Every call passes one of those constants (or the helper's parameter, which only they feed).
    for (const m of client.matchAll(/callWechat\(transport, (\w+)/g)) expect(m[1]).toBe('api');
    for (const m of client.matchAll(/callWithToken\(([^,]+),/g)) expect(m[1]).toBe('api');
  });

  it('to Tencent SMS go to the configured base URL', () => {
    const sms = sources().find((s) => s.file === 'integrations/sms/tencent-sms.provider.ts')!.code;
    expect(sms).toMatch(/new URL\('\/', o\.baseUrl\)/);
  });
});
