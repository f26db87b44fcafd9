import { z } from 'zod';

export const FILE_PURPOSES = ['badge', 'ticket_photo', 'ticket_voice', 'chat', 'document_image', 'document_pdf', 'gift_image'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const FileUploadFieldsSchema = z.object({ purpose: z.enum(FILE_PURPOSES) });

export const StoredFileSchema = z.object({ id: z.string(), mime: z.string(), size: z.number().int() });
export type StoredFileInfo = z.infer<typeof StoredFileSchema>;
