import { call, cameraJpeg, consentFor, login, upload } from '../../support/api';
import { demoTickets, type DemoTickets } from './demo-tickets';

/**
 * Fault photos travel with the ticket: whoever may see the ticket may open
 * them (the engineer who repairs it, the department head, admins), nobody
 * else — not another nurse, and not the dealer, whose view is minimal.
 * Engineers add their own photos through comments.
 */
let d: DemoTickets;
beforeAll(async () => {
  d = await demoTickets();
});
afterAll(() => d.server.close());

const fetchFile = (token: string, id: string) => fetch(d.server.api(`/files/${id}`), { headers: { authorization: `Bearer ${token}` } });

async function reportWithPhotos(count: number): Promise<{ id: string; photoIds: string[] }> {
  const photoIds: string[] = [];
  for (let i = 0; i < count; i++) photoIds.push((await upload(d.server, d.token.staff, 'ticket_photo', await cameraJpeg(320 + i * 16, 240))).body.id);
  const res = await call(d.server, 'POST', '/tickets', {
    token: d.token.staff,
    body: { departmentId: d.id.endoscopy, model: 'QV-G290 电子胃镜', serial: `SN-M-${Date.now()}`, description: '插入管外皮破损，测漏不通过。', photoFileIds: photoIds, contactName: '李静', contactPhone: '13800000004', contactConsent: false },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, photoIds };
}

describe('fault photos on a ticket', () => {
  it('are listed on the detail in upload order and open for those who may see the ticket', async () => {
    const t = await reportWithPhotos(2);
    const detail = await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.engineer });
    expect(detail.body.media).toEqual({ photoIds: t.photoIds, voiceId: null });

    for (const token of [d.token.staff, d.token.engineer, d.token.admin, d.token.advanced]) {
      const res = await fetchFile(token, t.photoIds[0]!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/jpeg/);
    }
  });

  it('stay closed to other staff and to a dealer even while the ticket is delegated to them', async () => {
    const t = await reportWithPhotos(1);
    const outsider = (await login(d.server, '13900000777')).token;
    expect((await fetchFile(outsider, t.photoIds[0]!)).status).toBe(404);

    await d.act(d.token.engineer, t.id, { action: 'accept' });
    const delegated = await call(d.server, 'POST', `/tickets/${t.id}/delegations`, { token: d.token.engineer, body: { dealerId: d.id.demoDealer, purpose: 'onsite_check' } });
    expect(delegated.status).toBe(201);
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer })).status).toBe(200);
    expect((await fetchFile(d.token.dealer, t.photoIds[0]!)).status).toBe(404);
  });

  it('cannot be moved onto a second ticket', async () => {
    const t = await reportWithPhotos(1);
    const again = await call(d.server, 'POST', '/tickets', {
      token: d.token.staff,
      body: { departmentId: d.id.endoscopy, model: 'QV-G290 电子胃镜', serial: `SN-M2-${Date.now()}`, description: '同一张照片再次提交。', photoFileIds: t.photoIds, contactName: '李静', contactPhone: '13800000004', contactConsent: false },
    });
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'photoFileIds.0' })]);
  });

  it('engineers add their own photos as comments, which the reporter can open', async () => {
    const t = await reportWithPhotos(1);
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    await call(d.server, 'POST', '/privacy/consents', { token: d.token.engineer, body: await consentFor(d.server, ['service', 'fault_media']) });
    const photo = await upload(d.server, d.token.engineer, 'ticket_photo', await cameraJpeg());
    expect(photo.status).toBe(201);
    const comment = await call(d.server, 'POST', `/tickets/${t.id}/comments`, { token: d.token.engineer, body: { body: '拆检发现弯曲部钢丝断裂', fileIds: [photo.body.id] } });
    expect(comment.status).toBe(201);
    expect((await fetchFile(d.token.staff, photo.body.id)).status).toBe(200);
    // Comment photos are on the comment, not among the report's photos.
    expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.staff })).body.media.photoIds).toEqual(t.photoIds);
  });
});
