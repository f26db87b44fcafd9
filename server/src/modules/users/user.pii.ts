import type { FieldCipher } from '../../core/pii/field-cipher';
import type { User } from './user.entity';

/** The user's personal fields, each stored sealed in `<field>Sealed`. */
export const USER_SEALED_FIELDS = ['phone', 'openid', 'name', 'position', 'title', 'gender'] as const;
export type UserSealedField = (typeof USER_SEALED_FIELDS)[number];

const column = (field: UserSealedField) => `${field}Sealed` as const;

export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
}

/**
 * A full name as the name blind index sees it: NFKC folds full-width letters
 * and compatibility forms (what a Chinese IME or a pasted name may carry)
 * into one spelling, then the ends are trimmed, so "张晓燕 " and "张晓燕"
 * find the same person. Nothing else is folded: the search is exact.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim();
}

/** What reading a sealed field needs: the id (bound into the ciphertext) and the sealed columns. */
export type SealedFields = Pick<User, 'id'> & { readonly [K in UserSealedField as `${K}Sealed`]?: string | null };

/** Reads and writes the sealed fields of a user; the only place that knows how they are stored. */
export class UserPii {
  constructor(private readonly cipher: FieldCipher) {}

  private ref(user: Pick<User, 'id'>, field: UserSealedField) {
    return { table: 'app_user', column: field, id: user.id };
  }

  /** Opens a sealed field of an entity or of the plain row the session read (ActorUser). */
  get(user: SealedFields, field: UserSealedField): string | null {
    return this.cipher.openOptional(this.ref(user, field), user[column(field)]);
  }

  /** Re-seals only when the value changes, so an unchanged entity stays clean on flush. */
  set(user: User, field: UserSealedField, value: string | null): void {
    if (this.get(user, field) === value) return;
    user[column(field)] = this.cipher.sealOptional(this.ref(user, field), value);
    if (field === 'phone') user.phoneIndex = value === null ? null : this.phoneIndex(value);
    if (field === 'openid') user.openidIndex = value === null ? null : this.openidIndex(value);
    if (field === 'name') user.nameIndex = value === null ? null : this.nameIndex(value);
  }

  phoneIndex(phone: string): string {
    return this.cipher.blindIndex('phone', normalizePhone(phone));
  }

  openidIndex(openid: string): string {
    return this.cipher.blindIndex('openid', openid);
  }

  /**
   * Not unique (two people may share a name); null for a name that is empty
   * once normalised, so blank names never match each other. Its own `kind`
   * keeps it apart from the phone and OpenID indexes under the same key.
   */
  nameIndex(name: string): string | null {
    const normalized = normalizeName(name);
    return normalized ? this.cipher.blindIndex('name', normalized) : null;
  }
}
