import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { HospitalSchema } from './hospital.entity';

export const DepartmentSchema = defineEntity({
  name: 'Department',
  uniques: [{ properties: ['hospital', 'name'] }],
  properties: {
    ...baseProperties(),
    hospital: p.manyToOne(HospitalSchema).index(),
    name: p.string().length(50),
  },
});
export type Department = InferEntity<typeof DepartmentSchema>;
