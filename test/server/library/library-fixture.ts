import { call, login } from '../../support/api';
import { startTestServer, type TestClock, type TestServer } from '../../support/test-server';

/** The demo database (DEMO_SEED: 15 documents, 6 quick answers) with the five demo accounts signed in. */
export interface LibraryFixture {
  server: TestServer;
  token: { admin: string; engineer: string; dealer: string; staff: string; advanced: string };
  /** The id of the published demo document with this title. */
  docId(title: string): Promise<string>;
}

export async function libraryFixture(options: { clock?: TestClock } = {}): Promise<LibraryFixture> {
  const server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' }, clock: options.clock });
  const token = {
    admin: (await login(server, '13800000001')).token,
    engineer: (await login(server, '13800000002')).token,
    dealer: (await login(server, '13800000003')).token,
    staff: (await login(server, '13800000004')).token,
    advanced: (await login(server, '13800000005')).token,
  };
  let titles: Map<string, string> | undefined;
  return {
    server,
    token,
    async docId(title) {
      if (!titles) {
        const res = await call(server, 'GET', '/documents?limit=50', { token: token.staff });
        titles = new Map(res.body.items.map((d: { id: string; title: string }) => [d.title, d.id]));
      }
      const id = titles.get(title);
      if (!id) throw new Error(`no published demo document titled ${title}`);
      return id;
    },
  };
}
