import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A past question and its answer, offered before a new conversation starts.
 * Written by the engineer who answered, in their own words and without the
 * asker's personal details (transcripts themselves stay sealed and are
 * never searched).
 */
export const QuickAnswerSchema = defineEntity({
  name: 'QuickAnswer',
  tableName: 'quick_answer',
  properties: {
    ...baseProperties(),
    question: p.string().length(200),
    answer: p.text(),
    sourceChatId: p.uuid().nullable(),
    createdById: p.uuid(),
    active: p.boolean().default(true),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type QuickAnswer = InferEntity<typeof QuickAnswerSchema>;
