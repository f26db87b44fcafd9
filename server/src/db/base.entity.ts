import { p } from '@mikro-orm/core';
import { newId } from '../core/ids';

/**
 * Columns every table has: a time-ordered id and the creation time. Spread
 * into each entity's properties (rather than `extends`) so the inferred
 * entity types include them.
 */
export function baseProperties() {
  return {
    id: p.uuid().primary().onCreate(() => newId()),
    createdAt: p.datetime().onCreate(() => new Date()),
  };
}
