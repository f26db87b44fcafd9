import type { FilePurpose } from '../../../../shared/schemas/files.schema';
import type { ConsentPurpose } from '../../../../shared/schemas/privacy.schema';
import type { Permission } from '../../../../shared/permissions';

const MB = 1024 * 1024;
const IMAGES = ['image/jpeg', 'image/png', 'image/webp'];
const AUDIO = ['audio/mpeg', 'audio/aac', 'audio/x-m4a', 'audio/mp4', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/webm', 'audio/amr'];

export interface PurposeRule {
  /** Content types accepted, judged by the bytes (magic numbers), never the file name or header. */
  accept: string[];
  maxBytes: number;
  /** The separate consent this processing needs (privacy.md). */
  consent?: ConsentPurpose;
  /** Beyond `files.upload`: the functions the file is for (any one suffices). */
  permissions?: Permission[];
}

/** What may be uploaded for each purpose (api.md, POST /files). */
export const PURPOSE_RULES: Record<FilePurpose, PurposeRule> = {
  badge: { accept: IMAGES, maxBytes: 10 * MB, consent: 'badge_photo' },
  ticket_photo: { accept: IMAGES, maxBytes: 10 * MB, consent: 'fault_media', permissions: ['tickets.create', 'tickets.comment'] },
  ticket_voice: { accept: AUDIO, maxBytes: 5 * MB, consent: 'fault_media', permissions: ['tickets.create'] },
  chat: { accept: [...IMAGES, ...AUDIO], maxBytes: 10 * MB, permissions: ['chat.use'] },
  document_image: { accept: IMAGES, maxBytes: 10 * MB, permissions: ['library.write'] },
  document_pdf: { accept: ['application/pdf'], maxBytes: 20 * MB, permissions: ['library.write'] },
  gift_image: { accept: IMAGES, maxBytes: 10 * MB, permissions: ['admin.gifts'] },
};

export const MAX_UPLOAD_BYTES = Math.max(...Object.values(PURPOSE_RULES).map((r) => r.maxBytes));

export function isImage(mime: string): boolean {
  return IMAGES.includes(mime);
}
