import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/** A published privacy policy. A `material` version asks everyone to consent again. */
export const PolicyVersionSchema = defineEntity({
  name: 'PolicyVersion',
  tableName: 'policy_version',
  properties: {
    ...baseProperties(),
    version: p.string().length(20).unique(),
    publishedAt: p.datetime().index(),
    material: p.boolean(),
    title: p.string().length(100),
    text: p.text(),
    /** SHA-256 of the text shown, recorded with each consent. */
    textHash: p.string().length(64),
  },
});
export type PolicyVersion = InferEntity<typeof PolicyVersionSchema>;
