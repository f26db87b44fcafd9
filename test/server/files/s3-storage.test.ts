import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { defaultRoutes } from '../../../server/src/app';
import { ConfigError } from '../../../server/src/config/env';
import { createS3Storage, type S3Storage, type S3StorageOptions } from '../../../server/src/integrations/storage/s3.storage';
import { createStorage } from '../../../server/src/integrations/storage/storage.factory';
import { call, cameraJpeg, login, upload } from '../../support/api';
import { startTestServer } from '../../support/test-server';

const BUCKET = 'scopedesk-files';
let s3dir: string;
let s3server: S3rver;
let endpoint: string;
const drivers: S3Storage[] = [];

/** What the server would be configured with (s3rver's built-in account is S3RVER/S3RVER). */
const settings = (overrides: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
  endpoint,
  bucket: BUCKET,
  region: 'us-east-1',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  forcePathStyle: true,
  ...overrides,
});

function driver(overrides: Partial<S3StorageOptions> = {}): S3Storage {
  const d = createS3Storage(settings(overrides));
  drivers.push(d);
  return d;
}

/** Where s3rver keeps an object's bytes on its disk. */
const objectFile = (key: string) => path.join(s3dir, BUCKET, `${key}._S3rver_object`);

beforeAll(async () => {
  s3dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-s3rver-'));
  s3server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3dir,
    // s3rver checks SigV2 only; the SDK signs with SigV4.
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const d of drivers) d.close();
  await s3server.close();
  fs.rmSync(s3dir, { recursive: true, force: true });
});

describe('S3-compatible storage driver', () => {
  it('stores, returns and deletes bytes by key, byte for byte', async () => {
    const storage = driver();
    const key = `files/ab/${randomBytes(8).toString('hex')}`;
    // Binary, with zero bytes and invalid UTF-8: the driver must not touch the content.
    const data = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0x80, 0]), randomBytes(64 * 1024)]);
    await storage.put(key, data);
    expect(fs.readFileSync(objectFile(key)).equals(data)).toBe(true);
    const back = await storage.get(key);
    expect(back).toBeInstanceOf(Buffer);
    expect(back!.equals(data)).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
    expect(fs.existsSync(objectFile(key))).toBe(false);
  });

  it('answers undefined for a key that was never stored, and deleting it is harmless', async () => {
    const storage = driver();
    expect(await storage.get('files/zz/never-stored')).toBeUndefined();
    await expect(storage.delete('files/zz/never-stored')).resolves.toBeUndefined();
  });

  it('replaces the bytes when a key is written again, and stores an empty file as empty', async () => {
    const storage = driver();
    await storage.put('files/cd/replaced', Buffer.from('first version'));
    await storage.put('files/cd/replaced', Buffer.from('second'));
    expect((await storage.get('files/cd/replaced'))!.toString()).toBe('second');
    await storage.put('files/cd/empty', Buffer.alloc(0));
    expect(await storage.get('files/cd/empty')).toEqual(Buffer.alloc(0));
  });

  it('keeps installations sharing a bucket apart by prefix', async () => {
    const a = driver({ prefix: 'site-a' });
    const b = driver({ prefix: 'site-b/' });
    await a.put('files/ef/same', Buffer.from('A'));
    await b.put('files/ef/same', Buffer.from('B'));
    expect((await a.get('files/ef/same'))!.toString()).toBe('A');
    expect((await b.get('files/ef/same'))!.toString()).toBe('B');
    expect(fs.readFileSync(objectFile('site-a/files/ef/same')).toString()).toBe('A');
  });

  it('refuses keys that are not plain relative paths', async () => {
    const storage = driver();
    for (const key of ['../escape', 'files/../../x', '/absolute', 'files//double', '', 'files/a b']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
  });

  it('reports a bad credential as an error, not as a missing file', async () => {
    const storage = driver({ accessKeyId: 'NOT-AN-ACCOUNT' });
    await expect(storage.get('files/ab/anything')).rejects.toThrow();
  });
});

describe('createStorage', () => {
  it('makes the local driver under DATA_DIR/storage', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-local-'));
    try {
      const storage = createStorage({ driver: 'local', dataDir });
      expect(storage.name).toBe('local');
      await storage.put('files/01/x', Buffer.from('local bytes'));
      expect(fs.readFileSync(path.join(dataDir, 'storage', 'files', '01', 'x')).toString()).toBe('local bytes');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('makes the S3 driver from the S3_* settings', async () => {
    const storage = createStorage({
      driver: 's3',
      dataDir: '/nonexistent',
      s3: { endpoint, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
    });
    drivers.push(storage as S3Storage);
    expect(storage.name).toBe('s3');
    await storage.put('files/02/y', Buffer.from('via factory'));
    expect(fs.readFileSync(objectFile('files/02/y')).toString()).toBe('via factory');
  });

  it('refuses an incomplete S3 configuration, naming every missing setting', () => {
    let error: unknown;
    try {
      createStorage({ driver: 's3', dataDir: '/tmp', s3: { endpoint } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.setting).sort()).toEqual(['S3_ACCESS_KEY_ID', 'S3_BUCKET', 'S3_REGION', 'S3_SECRET_ACCESS_KEY']);
    expect(() => createStorage({ driver: 's3', dataDir: '/tmp' })).toThrow(/S3_ENDPOINT/);
  });

  it('refuses plain http to a public host (credentials and file traffic would cross the internet unencrypted)', () => {
    const s3 = { bucket: BUCKET, region: 'ap-shanghai', accessKeyId: 'k', secretAccessKey: 's' };
    expect(() => createStorage({ driver: 's3', dataDir: '/tmp', s3: { ...s3, endpoint: 'http://cos.ap-shanghai.myqcloud.com' } })).toThrow(/S3_ENDPOINT: must be https/);
    const ok = createStorage({ driver: 's3', dataDir: '/tmp', s3: { ...s3, endpoint: 'https://cos.ap-shanghai.myqcloud.com' } });
    drivers.push(ok as S3Storage);
    expect(ok.name).toBe('s3');
  });
});

describe('uploads through the API into S3 storage', () => {
  it('puts only sealed bytes in the bucket and serves the owner the image', async () => {
    const storage = driver({ prefix: 'api' });
    // The real route table, with the files service given the S3 driver (server.ts wiring is the local driver today).
    const server = await startTestServer({ app: { routes: (deps) => defaultRoutes({ ...deps, storage }) } });
    try {
      const { token } = await login(server);
      const res = await upload(server, token, 'badge', await cameraJpeg());
      expect(res.status).toBe(201);
      const files = fs.readdirSync(path.join(s3dir, BUCKET, 'api', 'files'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith(`${res.body.id}._S3rver_object`));
      expect(files).toHaveLength(1);
      const stored = fs.readFileSync(path.join(s3dir, BUCKET, 'api', 'files', files[0]!));
      expect(stored.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);

      const got = await fetch(server.api(`/files/${res.body.id}`), { headers: { authorization: `Bearer ${token}` } });
      expect(got.status).toBe(200);
      const bytes = Buffer.from(await got.arrayBuffer());
      expect(bytes.length).toBe(res.body.size);
      expect((await sharp(bytes).metadata()).format).toBe('jpeg');

      // Gone from the bucket → the API says so rather than failing.
      await storage.delete(`files/${files[0]!.replace(/\._S3rver_object$/, '')}`);
      expect(fs.existsSync(path.join(s3dir, BUCKET, 'api', 'files', files[0]!))).toBe(false);
      expect((await call(server, 'GET', `/files/${res.body.id}`, { token })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
