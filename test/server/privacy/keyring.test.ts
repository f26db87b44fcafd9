import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, parseEnv } from '../../../server/src/config/env';
import { DecryptError, FieldCipher, type FieldRef } from '../../../server/src/core/pii/field-cipher';
import { loadKeyring, parseKeyring } from '../../../server/src/core/pii/keyring';

const key = () => randomBytes(32).toString('base64');
const K1 = key();
const K2 = key();
const INDEX = key();
const ref: FieldRef = { table: 'app_user', column: 'phone', id: '0190f0a4-1111-7000-8000-000000000001' };

function cipher(piiKeys = `k1:${K1}`, indexKey = INDEX): FieldCipher {
  return new FieldCipher(parseKeyring(piiKeys, indexKey));
}

/** The ConfigError a call throws (fails the test when it throws nothing or something else). */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

/** Changes one character of the base64url segment `index` of a sealed value. */
function tamper(sealed: string, index: number, at = 3): string {
  const parts = sealed.split('.');
  const seg = parts[index]!;
  const c = seg[at]!;
  parts[index] = seg.slice(0, at) + (c === 'A' ? 'B' : 'A') + seg.slice(at + 1);
  return parts.join('.');
}

describe('FieldCipher, opened values kept for reuse', () => {
  it('opens a value once within five minutes and again after, and still refuses it anywhere else', () => {
    let now = 1_000_000;
    const c = new FieldCipher(parseKeyring(`k1:${K1}`, INDEX), () => now);
    const decrypt = jest.spyOn(c as unknown as { decrypt(r: FieldRef, s: string): string }, 'decrypt');
    const sealed = c.seal(ref, '13912345678');
    expect(c.open(ref, sealed)).toBe('13912345678');
    now += 4 * 60_000;
    expect(c.open(ref, sealed)).toBe('13912345678');
    expect(decrypt).toHaveBeenCalledTimes(1);
    now += 2 * 60_000;
    expect(c.open(ref, sealed)).toBe('13912345678');
    expect(decrypt).toHaveBeenCalledTimes(2);
    // Having been opened at its own place does not make it open at another row or column, or tampered.
    expect(() => c.open({ ...ref, id: '0190f0a4-1111-7000-8000-000000000002' }, sealed)).toThrow(DecryptError);
    expect(() => c.open({ ...ref, column: 'name' }, sealed)).toThrow(DecryptError);
    expect(() => c.open(ref, tamper(sealed, 3))).toThrow(DecryptError);
  });
});

describe('FieldCipher', () => {
  it('seals a value so it opens again, and never gives the same ciphertext twice', () => {
    const c = cipher();
    const a = c.seal(ref, '13912345678');
    const b = c.seal(ref, '13912345678');
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13912345678');
    expect(a).not.toContain(Buffer.from('13912345678').toString('base64url').slice(0, 8));
    expect(c.open(ref, a)).toBe('13912345678');
    expect(c.open(ref, b)).toBe('13912345678');
    expect(c.open(ref, c.seal(ref, '张晓燕 · 护士长'))).toBe('张晓燕 · 护士长');
    expect(c.openOptional(ref, c.sealOptional(ref, null))).toBeNull();
  });

  it('refuses a ciphertext moved to another row, column or table', () => {
    const c = cipher();
    const sealed = c.seal(ref, '13912345678');
    for (const moved of [
      { ...ref, id: '0190f0a4-1111-7000-8000-000000000002' },
      { ...ref, column: 'name' },
      { ...ref, table: 'ticket' },
    ]) {
      expect(() => c.open(moved, sealed)).toThrow(DecryptError);
    }
  });

  it('refuses a tampered ciphertext, nonce or key id, and things that are not sealed values', () => {
    const c = cipher(`k1:${K1},k0:${K2}`);
    const sealed = c.seal(ref, '13912345678');
    expect(() => c.open(ref, tamper(sealed, 3))).toThrow(DecryptError);
    expect(() => c.open(ref, tamper(sealed, 2))).toThrow(DecryptError);
    // Claiming another (known) key does not help either.
    expect(() => c.open(ref, sealed.replace('.k1.', '.k0.'))).toThrow(DecryptError);
    expect(() => c.open(ref, sealed.replace('.k1.', '.kx.'))).toThrow(/unknown key kx/);
    expect(() => c.open(ref, sealed.slice(0, -6))).toThrow(DecryptError);
    expect(() => c.open(ref, '13912345678')).toThrow(/not a sealed value/);
    expect(() => c.open(ref, sealed.replace(/^v1\./, 'v2.'))).toThrow(DecryptError);
  });

  it('refuses a truncated authentication tag (a 4-byte tag must not pass for a 16-byte one)', () => {
    const c = cipher();
    const sealed = c.seal(ref, '');
    const parts = sealed.split('.');
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => c.open(ref, parts.join('.'))).toThrow(DecryptError);
  });

  it('seals media bytes the same way: round trip, bound to the file, tamper-evident', () => {
    const c = cipher();
    const fileRef = { table: 'stored_file', column: 'content', id: 'f1' };
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4096)]);
    const blob = c.sealBytes(fileRef, data);
    expect(blob.includes(data.subarray(0, 64))).toBe(false);
    expect(c.openBytes(fileRef, blob).equals(data)).toBe(true);
    expect(() => c.openBytes({ ...fileRef, id: 'f2' }, blob)).toThrow(DecryptError);
    const flipped = Buffer.from(blob);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 100) ^ 0x01, flipped.length - 100);
    expect(() => c.openBytes(fileRef, flipped)).toThrow(DecryptError);
    expect(() => c.openBytes(fileRef, blob.subarray(0, blob.length - 1))).toThrow(DecryptError);
  });

  it('makes a keyed blind index: stable, separate per kind, and not a plain hash of the value', () => {
    const c = cipher();
    const phone = '13912345678';
    const index = c.blindIndex('phone', phone);
    expect(c.blindIndex('phone', phone)).toBe(index);
    expect(c.blindIndex('phone', '13912345679')).not.toBe(index);
    expect(c.blindIndex('openid', phone)).not.toBe(index);
    const sha = createHash('sha256').update(phone).digest();
    expect([sha.toString('hex'), sha.toString('base64'), sha.toString('base64url')]).not.toContain(index);
    // Another index key, another index: without the key the numbers cannot be enumerated.
    expect(cipher(`k1:${K1}`, key()).blindIndex('phone', phone)).not.toBe(index);
  });
});

describe('key rotation', () => {
  it('opens old values with the old key, seals new ones with the new key, and marks old ones stale', () => {
    const before = cipher(`k1:${K1}`);
    const oldValue = before.seal(ref, '13912345678');
    const oldBlob = before.sealBytes(ref, Buffer.from('badge bytes'));

    const after = cipher(`k2:${K2}, k1:${K1}`);
    expect(after.open(ref, oldValue)).toBe('13912345678');
    expect(after.openBytes(ref, oldBlob).toString()).toBe('badge bytes');
    const newValue = after.seal(ref, '13912345678');
    expect(newValue.split('.')[1]).toBe('k2');
    expect(after.isStale(oldValue)).toBe(true);
    expect(after.isStale(newValue)).toBe(false);
    expect(before.isStale(oldValue)).toBe(false);
    // What the rotation job does: open with the ring, seal again under the current key.
    expect(after.isStale(after.seal(ref, after.open(ref, oldValue)))).toBe(false);
    // New values need the new key: a process still on the old ring cannot read them.
    expect(() => before.open(ref, newValue)).toThrow(/unknown key k2/);
    expect(() => before.openBytes(ref, after.sealBytes(ref, Buffer.from('x')))).toThrow(/unknown key k2/);
  });

  it('keeps blind indexes unchanged, so phone lookups survive a rotation', () => {
    expect(cipher(`k2:${K2},k1:${K1}`).blindIndex('phone', '13912345678')).toBe(cipher(`k1:${K1}`).blindIndex('phone', '13912345678'));
  });
});

describe('loading the keyring', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-keys-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('generates development keys once into DATA_DIR (owner-only) and reuses them on the next start', () => {
    const env = { NODE_ENV: 'development' as const, DATA_DIR: dataDir, PII_KEYS: undefined, PII_INDEX_KEY: undefined };
    const first = loadKeyring(env);
    const file = path.join(dataDir, 'keys', 'pii-keys.json');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o077).toBe(0);
    const written = fs.readFileSync(file);

    const second = loadKeyring(env);
    expect(fs.readFileSync(file).equals(written)).toBe(true);
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.keys.get(second.currentKeyId)!.equals(first.keys.get(first.currentKeyId)!)).toBe(true);
    expect(second.indexKey.equals(first.indexKey)).toBe(true);
    // So what one start sealed, the next start reads.
    const sealed = new FieldCipher(first).seal(ref, '13912345678');
    expect(new FieldCipher(second).open(ref, sealed)).toBe('13912345678');
    expect(new FieldCipher(second).blindIndex('phone', '13912345678')).toBe(new FieldCipher(first).blindIndex('phone', '13912345678'));

    // Another data directory means other keys.
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-keys-'));
    try {
      const other = loadKeyring({ ...env, DATA_DIR: otherDir });
      expect(other.indexKey.equals(first.indexKey)).toBe(false);
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('uses the environment keys when given, writing no key file', () => {
    const ring = loadKeyring({ NODE_ENV: 'development', DATA_DIR: dataDir, PII_KEYS: `k9:${K1}`, PII_INDEX_KEY: INDEX });
    expect(ring.currentKeyId).toBe('k9');
    expect(fs.existsSync(path.join(dataDir, 'keys'))).toBe(false);
  });

  it('refuses to start in production without PII_KEYS, and generates nothing', () => {
    const error = configErrorOf(() => loadKeyring({ NODE_ENV: 'production', DATA_DIR: dataDir, PII_KEYS: undefined, PII_INDEX_KEY: undefined }));
    expect(error.problems.map((p) => p.setting)).toContain('PII_KEYS');
    expect(error.message).toContain('PII_KEYS');
    expect(fs.existsSync(path.join(dataDir, 'keys'))).toBe(false);
    // The environment check says so too, before anything starts.
    const envError = configErrorOf(() =>
      parseEnv({ NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: 'postgres://db.internal/sd', PII_INDEX_KEY: INDEX }),
    );
    expect(envError.problems.map((p) => p.setting)).toContain('PII_KEYS');
  });

  it.each([
    ['no key id', K1],
    ['an empty list', ' , '],
    ['a key that is not 32 bytes', `k1:${randomBytes(16).toString('base64')}`],
    ['a key id with other characters', `k 1:${K1}`],
    ['a key id longer than 16 characters', `k12345678901234567:${K1}`],
    ['a second entry without a key', `k1:${K1},k2:`],
  ])('refuses malformed PII_KEYS (%s), naming the setting', (_what, piiKeys) => {
    const error = configErrorOf(() => parseKeyring(piiKeys, INDEX));
    expect(error.problems.map((p) => p.setting)).toEqual(['PII_KEYS']);
    expect(() => loadKeyring({ NODE_ENV: 'production', DATA_DIR: dataDir, PII_KEYS: piiKeys, PII_INDEX_KEY: INDEX })).toThrow(ConfigError);
  });

  it('refuses a key id given twice in PII_KEYS', () => {
    expect(configErrorOf(() => parseKeyring(`k1:${K1},k1:${K2}`, INDEX)).problems[0]!.setting).toBe('PII_KEYS');
  });

  it('refuses a blind-index key that is not 32 bytes, naming PII_INDEX_KEY', () => {
    const error = configErrorOf(() => parseKeyring(`k1:${K1}`, randomBytes(20).toString('base64')));
    expect(error.problems.map((p) => p.setting)).toEqual(['PII_INDEX_KEY']);
  });
});
