import { call, login } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The demo accounts (DEMO_SEED) signed in, for the ticket suites: 李静 reports
 * in 北京东华医院 · 消化内镜中心 (with the fault_media consent), 陈建华 manages
 * that department, 王磊 is the engineer, 孙强 works for the demo dealer.
 */
export interface DemoTickets {
  server: TestServer;
  token: { admin: string; engineer: string; dealer: string; staff: string; advanced: string };
  id: { admin: string; engineer: string; dealer: string; staff: string; advanced: string; demoDealer: string; endoscopy: string };
  /** Reports a fault as 李静 through the API; returns the ticket view. */
  report(description?: string): Promise<{ id: string; number: string }>;
  act(token: string, ticketId: string, body: Record<string, unknown>): ReturnType<typeof call>;
  /** Accept, start and resolve (with a service report) as the engineer. */
  workToResolved(ticketId: string): Promise<void>;
}

export const REPORT = { found: '先端 CCD 模块受潮，图像出现黑点', done: '更换 CCD 模块并做密封测试，图像正常', parts: 'CCD 模块 ×1' };

export async function demoTickets(): Promise<DemoTickets> {
  const server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  const token = {
    admin: (await login(server, '13800000001')).token,
    engineer: (await login(server, '13800000002')).token,
    dealer: (await login(server, '13800000003')).token,
    // Dealers see her tickets only while she consents to sharing them (privacy.md).
    staff: (await login(server, '13800000004', { consent: ['service', 'fault_media', 'dealer_sharing'] })).token,
    advanced: (await login(server, '13800000005')).token,
  };
  const me = async (t: string) => (await call(server, 'GET', '/me', { token: t })).body;
  const staffMe = await me(token.staff);
  const [dealer] = await rows<{ id: string }>(server.running.orm, "select id from dealer where name = '华东医疗器械技术服务有限公司'");
  const id = {
    admin: (await me(token.admin)).id,
    engineer: (await me(token.engineer)).id,
    dealer: (await me(token.dealer)).id,
    staff: staffMe.id,
    advanced: (await me(token.advanced)).id,
    demoDealer: dealer!.id,
    endoscopy: staffMe.profile.department.id,
  };
  const act = (t: string, ticketId: string, body: Record<string, unknown>) => call(server, 'POST', `/tickets/${ticketId}/transitions`, { token: t, body });
  let n = 0;
  return {
    server,
    token,
    id,
    act,
    async report(description = '胃镜图像出现黑点，白平衡后仍存在。') {
      n += 1;
      const res = await call(server, 'POST', '/tickets', {
        token: token.staff,
        body: { departmentId: id.endoscopy, model: 'QV-G290 电子胃镜', serial: `SN-${Date.now()}-${n}`, description, contactName: '李静', contactPhone: '13800000004', contactConsent: false },
      });
      if (res.status !== 201) throw new Error(`POST /tickets answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async workToResolved(ticketId) {
      for (const action of ['accept', 'start']) expect((await act(token.engineer, ticketId, { action })).status).toBe(200);
      expect((await act(token.engineer, ticketId, { action: 'resolve', report: REPORT })).status).toBe(200);
    },
  };
}
