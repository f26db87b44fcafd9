import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SMS_PURPOSES } from '../../../../shared/schemas/auth.schema';
import { baseProperties } from '../../db/base.entity';

/** A verification code sent by SMS: kept only as a keyed hash, single use, few tries. */
export const SmsCodeSchema = defineEntity({
  name: 'SmsCode',
  tableName: 'sms_code',
  indexes: [{ properties: ['phoneIndex', 'purpose'] }],
  properties: {
    ...baseProperties(),
    phoneIndex: p.string().length(64),
    purpose: p.enum([...SMS_PURPOSES]),
    codeHash: p.string().length(64),
    expiresAt: p.datetime(),
    attempts: p.integer().default(0),
    consumedAt: p.datetime().nullable(),
  },
});
export type SmsCode = InferEntity<typeof SmsCodeSchema>;
