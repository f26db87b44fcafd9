import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../../config/env';
import { ConfigError } from '../../config/env';

/**
 * Keys for personal fields (privacy.md, "Encryption at rest"): several
 * encryption keys so they can rotate (the first is current; older ones still
 * decrypt), and a separate key for blind indexes. From the environment; in
 * development generated once into DATA_DIR so restarts can still read the data.
 */
export interface Keyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  indexKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

function decodeKey(setting: string, b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new ConfigError([{ setting, message: 'each key must be 32 bytes, base64-encoded' }]);
  return key;
}

export function parseKeyring(piiKeys: string, indexKey: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of piiKeys.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, b64] = entry.split(':');
    if (!id || !b64 || !KEY_ID.test(id)) {
      throw new ConfigError([{ setting: 'PII_KEYS', message: 'expected keyId:base64[,keyId:base64…] (key ids: letters, digits, _ or -)' }]);
    }
    if (keys.has(id)) throw new ConfigError([{ setting: 'PII_KEYS', message: `key id ${id} appears twice` }]);
    keys.set(id, decodeKey('PII_KEYS', b64));
  }
  const currentKeyId = keys.keys().next().value;
  if (!currentKeyId) throw new ConfigError([{ setting: 'PII_KEYS', message: 'needs at least one key' }]);
  return { currentKeyId, keys, indexKey: decodeKey('PII_INDEX_KEY', indexKey) };
}

interface KeyFile {
  piiKeys: string;
  indexKey: string;
}

/** The keyring for this process: environment first; a generated file in DATA_DIR outside production. */
export function loadKeyring(env: Pick<Env, 'PII_KEYS' | 'PII_INDEX_KEY' | 'NODE_ENV' | 'DATA_DIR'>): Keyring {
  if (env.PII_KEYS && env.PII_INDEX_KEY) return parseKeyring(env.PII_KEYS, env.PII_INDEX_KEY);
  if (env.NODE_ENV === 'production') {
    const missing = (['PII_KEYS', 'PII_INDEX_KEY'] as const).filter((k) => !env[k]);
    throw new ConfigError(missing.map((setting) => ({ setting, message: 'is required in production' })));
  }
  const file = path.join(env.DATA_DIR, 'keys', 'pii-keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const generated: KeyFile = {
      piiKeys: `dev1:${randomBytes(32).toString('base64')}`,
      indexKey: randomBytes(32).toString('base64'),
    };
    fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  return parseKeyring(env.PII_KEYS ?? stored.piiKeys, env.PII_INDEX_KEY ?? stored.indexKey);
}
