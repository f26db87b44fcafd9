import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { FilePurpose } from '../../../../shared/schemas/files.schema';
import { baseProperties } from '../../db/base.entity';

/**
 * An uploaded file. The bytes live in the storage driver, encrypted with the
 * field keys (AAD = stored_file|content|id); this row says whose it is and
 * what it is for, which decides who may read it.
 */
export const StoredFileSchema = defineEntity({
  name: 'StoredFile',
  tableName: 'stored_file',
  properties: {
    ...baseProperties(),
    ownerId: p.uuid().index(),
    /** One of FILE_PURPOSES (validated by the shared schema; a string column so the set can grow without a table rebuild). */
    purpose: p.string().length(30).$type<FilePurpose>(),
    mime: p.string().length(60),
    size: p.integer(),
    storageKey: p.string().length(120),
    /** Set when the record that uses it (registration, ticket, message) claims it. */
    attachedAt: p.datetime().nullable(),
    /** The ticket a fault photo or voice note belongs to: who may see the ticket may see it (dealers excepted). */
    ticketId: p.uuid().nullable().index(),
    /** Set when the photo came with a comment rather than with the report. */
    commentId: p.uuid().nullable(),
    /** The conversation a chat image or voice note was sent in: its participants may see it. */
    chatId: p.uuid().nullable().index(),
    /** The library document an image or PDF belongs to: public once the document is published. */
    documentId: p.uuid().nullable().index(),
    /** The catalog gift an image shows: public while the gift exists. */
    giftId: p.uuid().nullable().index(),
    deletedAt: p.datetime().nullable(),
  },
});
export type StoredFile = InferEntity<typeof StoredFileSchema>;
