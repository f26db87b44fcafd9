import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BaseSchema } from '../../db/base.entity';
import { HospitalSchema } from './hospital.entity';

export const DepartmentSchema = defineEntity({
  name: 'Department',
  extends: BaseSchema,
  uniques: [{ properties: ['hospital', 'name'] }],
  properties: {
    hospital: p.manyToOne(HospitalSchema).index(),
    name: p.string().length(50),
  },
});
export type Department = InferEntity<typeof DepartmentSchema>;
