import sharp from 'sharp';
import type { TestServer } from './test-server';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // Bodies are asserted field by field in tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** JSON over real HTTP, as the mini-program's client does it. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.api(path), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

let phoneCounter = 0;
/** A phone number no other test in this process uses. */
export function freshPhone(): string {
  phoneCounter += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export async function currentPolicyVersion(server: TestServer): Promise<string> {
  return (await call(server, 'GET', '/privacy/policy')).body.version;
}

export async function consentFor(server: TestServer, purposes: string[] = ['service', 'badge_photo']) {
  return { policyVersion: await currentPolicyVersion(server), purposes, adult: true as const };
}

export async function requestCode(server: TestServer, phone: string): Promise<string> {
  let res = await call(server, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
  const wait = Number(res.headers.get('retry-after'));
  if (res.status === 429 && wait <= 2) {
    // A test server with a 1 s cooldown: signing the same phone in again just waits, as a person would.
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    res = await call(server, 'POST', '/auth/sms/send', { body: { phone, purpose: 'login' } });
  }
  if (res.status !== 202) throw new Error(`sms/send answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.devCode;
}

/** Signs in by SMS as a person would: code, then verify, with the consent screen's choice unless told otherwise. */
export async function login(
  server: TestServer,
  phone = freshPhone(),
  options: { consent?: false | string[] } = {},
): Promise<{ token: string; phone: string; user: ApiResponse['body'] }> {
  const code = await requestCode(server, phone);
  const consent = options.consent === false ? undefined : await consentFor(server, options.consent);
  const res = await call(server, 'POST', '/auth/sms/verify', { body: { phone, code, ...(consent ? { consent } : {}) } });
  if (res.status !== 200) throw new Error(`sms/verify answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { token: res.body.token, phone, user: res.body.user };
}

/** A short silent WAV, as a recorder might hand over. */
export function wav(samples = 8000): Buffer {
  const data = Buffer.alloc(samples * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** A real JPEG with EXIF (including GPS-like text), as a phone camera would produce. */
export async function cameraJpeg(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Camera-X1', ImageDescription: 'GPS 39.9288N 116.4160E' } })
    .toBuffer();
}

export async function upload(
  server: TestServer,
  token: string,
  purpose: string,
  bytes: Buffer,
  fileName = 'photo.jpg',
  type = 'image/jpeg',
): Promise<ApiResponse> {
  const form = new FormData();
  form.set('purpose', purpose);
  form.set('file', new Blob([bytes], { type }), fileName);
  const res = await fetch(server.api('/files'), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export async function someDepartment(server: TestServer, token: string): Promise<{ hospitalId: string; departmentId: string }> {
  const hospitals = await call(server, 'GET', '/hospitals?q=北京', { token });
  const hospitalId = hospitals.body.items[0].id;
  const departments = await call(server, 'GET', `/hospitals/${hospitalId}/departments`, { token });
  return { hospitalId, departmentId: departments.body.items[0].id };
}

/** A complete registration for a signed-in person (badge uploaded under its consent). */
export async function register(server: TestServer, token: string, overrides: Record<string, unknown> = {}): Promise<ApiResponse> {
  const badge = await upload(server, token, 'badge', await cameraJpeg());
  if (badge.status !== 201) throw new Error(`badge upload answered ${badge.status}: ${JSON.stringify(badge.body)}`);
  const where = await someDepartment(server, token);
  return call(server, 'POST', '/registration', {
    token,
    body: { name: '张晓燕', position: '护士长', title: '主管护师', gender: 'female', badgeFileId: badge.body.id, ...where, ...overrides },
  });
}

/** Registers a new person at a given hospital and department and has the admin approve them: active general staff. */
export async function approvedStaff(
  server: TestServer,
  adminToken: string,
  hospitalName: string,
  departmentName: string,
  name = '王芳',
): Promise<{ token: string; phone: string; id: string }> {
  const person = await login(server);
  const hospitals = await call(server, 'GET', `/hospitals?q=${encodeURIComponent(hospitalName)}`, { token: person.token });
  const hospitalId = hospitals.body.items.find((h: { name: string }) => h.name === hospitalName).id;
  const departments = await call(server, 'GET', `/hospitals/${hospitalId}/departments`, { token: person.token });
  const departmentId = departments.body.items.find((d: { name: string }) => d.name === departmentName).id;
  const reg = await register(server, person.token, { hospitalId, departmentId, name });
  if (reg.status !== 201) throw new Error(`registration answered ${reg.status}: ${JSON.stringify(reg.body)}`);
  const approved = await call(server, 'POST', `/admin/registrations/${reg.body.id}/approve`, { token: adminToken });
  if (approved.status !== 200) throw new Error(`approval answered ${approved.status}`);
  return { token: person.token, phone: person.phone, id: reg.body.id };
}
