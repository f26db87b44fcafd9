import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

/** Where a value lives: bound into the ciphertext so it cannot be moved to another row or column. */
export interface FieldRef {
  table: string;
  column: string;
  id: string;
}

const VERSION = 'v1';
const TAG_BYTES = 16;
/** Opened values kept for reuse, and for how long (decision 015). */
const OPENED_MAX = 10_000;
const OPENED_TTL_MS = 5 * 60_000;

export class DecryptError extends Error {
  constructor(ref: FieldRef, reason: string) {
    super(`cannot decrypt ${ref.table}.${ref.column} of ${ref.id}: ${reason}`);
    this.name = 'DecryptError';
  }
}

/**
 * AES-256-GCM per value: `v1.<keyId>.<nonce>.<ciphertext+tag>` (base64url),
 * AAD = table|column|row id. A random nonce means the same plaintext never
 * gives the same ciphertext, so entities keep the sealed string and only
 * re-seal when a value really changes — loading and flushing never writes.
 */
export class FieldCipher {
  /**
   * Recently opened values by place and ciphertext. A list of tickets opens
   * the same engineers' names and the same contacts on every request, and
   * AES-GCM's per-value setup was a fifth of such a request's CPU. An entry
   * is the exact ciphertext at its exact place, so a tampered or moved value
   * is never served from here; entries go after five minutes, so a purged
   * value leaves memory soon after its row (decision 015).
   */
  private readonly opened = new Map<string, FieldRef & { value: string; at: number }>();

  constructor(
    private readonly keyring: Keyring,
    private readonly now: () => number = Date.now,
  ) {}

  seal(ref: FieldRef, plaintext: string): string {
    const key = this.keyring.keys.get(this.keyring.currentKeyId)!;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(aad(ref));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.keyring.currentKeyId, nonce.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(ref: FieldRef, sealed: string): string {
    // Keyed by the ciphertext as the database returned it (no string built per call); the place is compared in the entry.
    const now = this.now();
    const hit = this.opened.get(sealed);
    if (hit && hit.table === ref.table && hit.column === ref.column && hit.id === ref.id && now - hit.at < OPENED_TTL_MS) return hit.value;
    const value = this.decrypt(ref, sealed);
    if (hit) this.opened.delete(sealed);
    else if (this.opened.size >= OPENED_MAX) this.opened.delete(this.opened.keys().next().value as string);
    this.opened.set(sealed, { table: ref.table, column: ref.column, id: ref.id, value, at: now });
    return value;
  }

  private decrypt(ref: FieldRef, sealed: string): string {
    const [version, keyId, nonceB64, bodyB64] = sealed.split('.');
    if (version !== VERSION || !keyId || !nonceB64 || !bodyB64) throw new DecryptError(ref, 'not a sealed value');
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new DecryptError(ref, `unknown key ${keyId}`);
    const body = Buffer.from(bodyB64, 'base64url');
    if (body.length < TAG_BYTES) throw new DecryptError(ref, 'too short');
    // authTagLength pins the tag to 16 bytes: without it Node accepts a truncated tag.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceB64, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(ref));
    decipher.setAuthTag(body.subarray(body.length - 16));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptError(ref, 'authentication failed (wrong key, row or column)');
    }
  }

  sealOptional(ref: FieldRef, plaintext: string | null | undefined): string | null {
    return plaintext === null || plaintext === undefined ? null : this.seal(ref, plaintext);
  }

  openOptional(ref: FieldRef, sealed: string | null | undefined): string | null {
    return sealed === null || sealed === undefined ? null : this.open(ref, sealed);
  }

  /** Sealed with an old key: the rotation job re-seals these. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keyring.currentKeyId;
  }

  /** Bytes (media) under the same scheme; the nonce and tag travel with the blob. */
  sealBytes(ref: FieldRef, data: Buffer): Buffer {
    const key = this.keyring.keys.get(this.keyring.currentKeyId)!;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(aad(ref));
    const keyId = Buffer.from(this.keyring.currentKeyId, 'utf8');
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([Buffer.from([keyId.length]), keyId, nonce, cipher.getAuthTag(), body]);
  }

  openBytes(ref: FieldRef, blob: Buffer): Buffer {
    const idLength = blob[0] ?? 0;
    if (blob.length < 29 + idLength) throw new DecryptError(ref, 'too short');
    const keyId = blob.subarray(1, 1 + idLength).toString('utf8');
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new DecryptError(ref, `unknown key ${keyId}`);
    const nonce = blob.subarray(1 + idLength, 13 + idLength);
    const tag = blob.subarray(13 + idLength, 29 + idLength);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(ref));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(blob.subarray(29 + idLength)), decipher.final()]);
    } catch {
      throw new DecryptError(ref, 'authentication failed');
    }
  }

  /** Keyed equality lookup (HMAC-SHA-256) for a normalised value; `kind` keeps phone and openid indexes apart. */
  blindIndex(kind: string, normalized: string): string {
    return createHmac('sha256', this.keyring.indexKey).update(kind).update('\0').update(normalized).digest('base64url');
  }
}

function aad(ref: FieldRef): Buffer {
  return Buffer.from(`${ref.table}|${ref.column}|${ref.id}`, 'utf8');
}
