import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/**
 * A saved shipping address. Everything about it — recipient, phone, region
 * codes and the street address — is one sealed JSON value (FieldCipher, AAD
 * bound to this row), so the table holds nothing readable but the owner and
 * the default flag.
 */
export const AddressSchema = defineEntity({
  name: 'Address',
  tableName: 'address',
  indexes: [{ properties: ['userId', 'id'] }],
  properties: {
    ...baseProperties(),
    userId: p.uuid(),
    sealed: p.text(),
    isDefault: p.boolean().default(false),
    updatedAt: p.datetime().nullable(),
  },
});
export type Address = InferEntity<typeof AddressSchema>;
