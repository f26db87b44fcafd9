import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { StorageDriver } from './storage.driver';

export interface S3StorageOptions {
  /** The in-region endpoint, e.g. `https://cos.ap-shanghai.myqcloud.com` (checked by the residency rule at start). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO, test servers). */
  forcePathStyle?: boolean;
  /** Prepended to every key, so several installations can share a bucket. */
  prefix?: string;
  /** Milliseconds per request before giving up (default 30 s); the SDK retries a failed request up to twice. */
  requestTimeoutMs?: number;
}

/** Our keys only (`files/ab/<uuid>`): no leading slash, no `.`/`..` segments, nothing a proxy could rewrite. */
const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  }
  return key;
}

function isMissing(err: unknown): boolean {
  if (err instanceof NoSuchKey) return true;
  if (err instanceof S3ServiceException) return err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404;
  return false;
}

/**
 * Files in an S3-compatible bucket (Tencent COS, Alibaba OSS, MinIO) for
 * instances that share no disk. It stores exactly the bytes it is given —
 * the files service has already sealed them — so the provider never sees
 * plaintext and server-side encryption is not relied on.
 */
export interface S3Storage extends StorageDriver {
  /** Closes the client's pooled connections (shutdown, tests). */
  close(): void;
}

export function createS3Storage(options: S3StorageOptions): S3Storage {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: options.requestTimeoutMs ?? 30_000 },
    // The SDK's default CRC32 checksums (since 3.729) are not understood by
    // every S3-compatible service; send them only where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const prefix = options.prefix ? checkKey(options.prefix.replace(/\/+$/, '')) + '/' : '';
  const objectKey = (key: string) => prefix + checkKey(key);

  return {
    name: 's3',
    async put(key, data) {
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: objectKey(key),
          Body: data,
          ContentLength: data.length,
          ContentType: 'application/octet-stream',
        }),
      );
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
        if (!res.Body) return Buffer.alloc(0);
        const bytes = await res.Body.transformToByteArray();
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    },
    close() {
      client.destroy();
    },
  };
}
