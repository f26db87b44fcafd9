import path from 'node:path';
import { ConfigError } from '../../config/env';
import { isLoopbackOrPrivate } from '../../config/residency';
import { createLocalStorage } from './local.storage';
import { createS3Storage } from './s3.storage';
import type { StorageDriver } from './storage.driver';

/**
 * What `createStorage` needs, in the environment's terms so a missing
 * setting can be named: the server passes `env.STORAGE_DRIVER`, `env.DATA_DIR`
 * and the `S3_*` settings as they are.
 */
export interface StorageOptions {
  driver: 'local' | 's3';
  /** DATA_DIR: the local driver keeps files under `<dataDir>/storage`. */
  dataDir: string;
  s3?: {
    endpoint?: string;
    bucket?: string;
    region?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    forcePathStyle?: boolean;
    prefix?: string;
  };
}

/** The storage driver the configuration asks for; an incomplete S3 configuration refuses to start, naming each missing setting. */
export function createStorage(options: StorageOptions): StorageDriver {
  if (options.driver === 'local') return createLocalStorage(path.join(options.dataDir, 'storage'));
  const s3 = options.s3 ?? {};
  const required = [
    // Without an endpoint the SDK would pick AWS's global one, which the residency check cannot vouch for.
    ['S3_ENDPOINT', s3.endpoint],
    ['S3_BUCKET', s3.bucket],
    // Signatures are scoped to the region: COS wants e.g. ap-shanghai, OSS cn-hangzhou, MinIO us-east-1.
    ['S3_REGION', s3.region],
    ['S3_ACCESS_KEY_ID', s3.accessKeyId],
    ['S3_SECRET_ACCESS_KEY', s3.secretAccessKey],
  ] as const;
  const missing = required.filter(([, value]) => !value).map(([setting]) => ({ setting, message: 'is required when STORAGE_DRIVER=s3' }));
  if (missing.length) throw new ConfigError(missing);
  const endpoint = s3.endpoint!;
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new ConfigError([{ setting: 'S3_ENDPOINT', message: 'must be an http(s):// URL' }]);
  }
  // The credentials sign every request; the (already sealed) bytes travel in the clear over http.
  if (url.protocol === 'http:' && !isLoopbackOrPrivate(url.hostname)) {
    throw new ConfigError([{ setting: 'S3_ENDPOINT', message: 'must be https:// unless it is on this machine or a private network' }]);
  }
  return createS3Storage({
    endpoint,
    bucket: s3.bucket!,
    region: s3.region!,
    accessKeyId: s3.accessKeyId!,
    secretAccessKey: s3.secretAccessKey!,
    forcePathStyle: s3.forcePathStyle ?? false,
    prefix: s3.prefix,
  });
}
