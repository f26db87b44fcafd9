import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A browsing record: one opening of a document by a user (`createdAt`) and
 * how long they read it. Personal: the user sees their own; admins see only
 * aggregates.
 */
export const DocumentViewSchema = defineEntity({
  name: 'DocumentView',
  tableName: 'document_view',
  indexes: [{ properties: ['documentId', 'createdAt'] }, { properties: ['userId', 'id'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    documentId: p.uuid(),
    secondsRead: p.integer().default(0),
  },
});
export type DocumentView = InferEntity<typeof DocumentViewSchema>;
