import { v7 as uuidv7 } from 'uuid';

/** Record ids: UUIDv7, so they sort by creation time (keyset pagination) on both dialects. */
export function newId(): string {
  return uuidv7();
}
