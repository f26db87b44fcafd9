import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/** A product line (e.g. a video gastroscope model); units in hospitals point at it. */
export const EquipmentModelSchema = defineEntity({
  name: 'EquipmentModel',
  properties: {
    ...baseProperties(),
    name: p.string().length(60).unique(),
    /** gastroscope, colonoscope, bronchoscope, duodenoscope, ultrasound_endoscope, processor, light_source */
    category: p.string().length(30),
    manufacturer: p.string().length(60),
  },
});
export type EquipmentModel = InferEntity<typeof EquipmentModelSchema>;
