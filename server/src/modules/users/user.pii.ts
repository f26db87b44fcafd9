import type { FieldCipher } from '../../core/pii/field-cipher';
import type { User } from './user.entity';

/** The user's personal fields, each stored sealed in `<field>Sealed`. */
export const USER_SEALED_FIELDS = ['phone', 'openid', 'name', 'position', 'title', 'gender'] as const;
export type UserSealedField = (typeof USER_SEALED_FIELDS)[number];

const column = (field: UserSealedField) => `${field}Sealed` as const;

export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
}

/** Reads and writes the sealed fields of a user; the only place that knows how they are stored. */
export class UserPii {
  constructor(private readonly cipher: FieldCipher) {}

  private ref(user: Pick<User, 'id'>, field: UserSealedField) {
    return { table: 'app_user', column: field, id: user.id };
  }

  get(user: User, field: UserSealedField): string | null {
    return this.cipher.openOptional(this.ref(user, field), user[column(field)]);
  }

  /** Re-seals only when the value changes, so an unchanged entity stays clean on flush. */
  set(user: User, field: UserSealedField, value: string | null): void {
    if (this.get(user, field) === value) return;
    user[column(field)] = this.cipher.sealOptional(this.ref(user, field), value);
    if (field === 'phone') user.phoneIndex = value === null ? null : this.phoneIndex(value);
    if (field === 'openid') user.openidIndex = value === null ? null : this.openidIndex(value);
  }

  phoneIndex(phone: string): string {
    return this.cipher.blindIndex('phone', normalizePhone(phone));
  }

  openidIndex(openid: string): string {
    return this.cipher.blindIndex('openid', openid);
  }
}
