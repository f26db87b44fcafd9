import { defineEntity, p } from '@mikro-orm/core';
import { newId } from '../core/ids';

/** Columns every table has: a time-ordered id and the creation time. */
export const BaseSchema = defineEntity({
  name: 'BaseEntity',
  abstract: true,
  properties: {
    id: p.uuid().primary().onCreate(() => newId()),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
