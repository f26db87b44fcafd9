import type { FieldCipher } from '../../core/pii/field-cipher';

/**
 * The sealed texts of a privacy request: what the person wrote, the answer
 * they get, and the notes of its history. Each is bound to its row and
 * column, so a ciphertext cannot be moved to another request.
 */
const detailsRef = (id: string) => ({ table: 'privacy_request', column: 'details_sealed', id });
const outcomeRef = (id: string) => ({ table: 'privacy_request', column: 'outcome_sealed', id });
const noteRef = (eventId: string) => ({ table: 'privacy_request_event', column: 'note_sealed', id: eventId });

export const sealDetails = (cipher: FieldCipher, requestId: string, text: string) => cipher.seal(detailsRef(requestId), text);
export const openDetails = (cipher: FieldCipher, requestId: string, sealed: string | null) => cipher.openOptional(detailsRef(requestId), sealed);

export const sealOutcome = (cipher: FieldCipher, requestId: string, text: string) => cipher.seal(outcomeRef(requestId), text);
export const openOutcome = (cipher: FieldCipher, requestId: string, sealed: string | null) => cipher.openOptional(outcomeRef(requestId), sealed);

export const sealNote = (cipher: FieldCipher, eventId: string, text: string | null) => cipher.sealOptional(noteRef(eventId), text);
export const openNote = (cipher: FieldCipher, eventId: string, sealed: string | null) => cipher.openOptional(noteRef(eventId), sealed);
