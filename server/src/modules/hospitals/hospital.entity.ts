import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

export const SERVICE_TIERS = ['standard', 'premium'] as const;

export const HospitalSchema = defineEntity({
  name: 'Hospital',
  properties: {
    ...baseProperties(),
    name: p.string().length(100),
    province: p.string().length(20),
    city: p.string().length(20),
    /** GB/T 2260 administrative division code of the county or city district. */
    regionCode: p.string().length(6).index(),
    address: p.string().length(200),
    latitude: p.decimal('number').precision(9).scale(6),
    longitude: p.decimal('number').precision(9).scale(6),
    /** Contract tier: decides SLA targets. */
    serviceTier: p.enum([...SERVICE_TIERS]).default('standard'),
  },
});
export type Hospital = InferEntity<typeof HospitalSchema>;
