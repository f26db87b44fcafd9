import { timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { ErrorCode } from '../../../../shared/errors';
import { EXPORT_LINK_TTL_HOURS, MEDIA_PURPOSES } from '../../../../shared/schemas/export.schema';
import type { AppDeps } from '../../app-deps';
import { AppError, ForbiddenError, NotFoundError } from '../../core/errors';
import { StoredFileSchema } from '../files/stored-file.entity';
import { storedBytes } from '../files/files.service';

/**
 * Expiring links to a person's media in their export file. The link is
 * `/api/v1/export-media/<fileId>?exp=<unix seconds>&sig=<HMAC>`; the HMAC
 * (SHA-256, keyed with the server's blind-index key under its own label
 * `export-media`, so it never collides with a phone index) covers the file
 * id and the expiry. No session is needed to follow a link — the file may be
 * opened on another device — so the signature is the whole authority: it is
 * minted only for the person's own files (badge, fault photos and voice
 * notes of their tickets and comments, media they sent in a chat), and a
 * link is worthless after `exp`.
 */
const LABEL = 'export-media';

export function mediaSignature(deps: Pick<AppDeps, 'cipher'>, fileId: string, exp: number): string {
  return deps.cipher.blindIndex(LABEL, `${fileId}.${exp}`);
}

export function linkExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + EXPORT_LINK_TTL_HOURS * 3600;
}

export function signedMediaUrl(deps: Pick<AppDeps, 'cipher'>, baseUrl: string, fileId: string, exp: number): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/api/v1/export-media/${fileId}?exp=${exp}&sig=${mediaSignature(deps, fileId, exp)}`;
}

/**
 * A genuine link past its expiry. Answered 403 (FORBIDDEN) with its own
 * text until the error list has a "gone" code (see the report: LINK_EXPIRED → 410).
 */
export class MediaLinkExpiredError extends AppError {
  readonly code: ErrorCode = 'FORBIDDEN';
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a link and returns the file's bytes: 403 for a forged or altered link, 403/410 once expired, 404 when the file is gone. */
export async function openMediaLink(
  deps: AppDeps,
  em: EntityManager,
  input: { fileId: string; exp: number; sig: string },
): Promise<{ mime: string; purpose: string; bytes: Buffer }> {
  if (!sameSignature(input.sig, mediaSignature(deps, input.fileId, input.exp))) {
    throw new ForbiddenError('链接无效：请使用导出文件中的原始链接。');
  }
  if (input.exp * 1000 <= deps.clock.now().getTime()) {
    throw new MediaLinkExpiredError('链接已过期，请重新导出个人信息以获取新的链接。');
  }
  const file = await em.findOne(StoredFileSchema, { id: input.fileId, deletedAt: null });
  if (!file || !(MEDIA_PURPOSES as readonly string[]).includes(file.purpose)) throw new NotFoundError('文件已不存在。');
  const bytes = await storedBytes(deps, file);
  if (!bytes) throw new NotFoundError('文件已不存在。');
  return { mime: file.mime, purpose: file.purpose, bytes };
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/x-m4a': 'm4a',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/amr': 'amr',
};

export function mediaFilename(purpose: string, fileId: string, mime: string): string {
  return `${purpose}-${fileId}.${EXTENSIONS[mime] ?? 'bin'}`;
}
