import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { EquipmentModelSchema } from './equipment-model.entity';

/** One physical unit in a hospital, found by the code printed on its label. */
export const EquipmentUnitSchema = defineEntity({
  name: 'EquipmentUnit',
  properties: {
    ...baseProperties(),
    model: p.manyToOne(EquipmentModelSchema).index(),
    serial: p.string().length(40).unique(),
    labelCode: p.string().length(80).unique(),
    hospital: p.manyToOne(HospitalSchema).index(),
    department: p.manyToOne(DepartmentSchema).nullable().index(),
    /** Last day covered by warranty or service contract (Asia/Shanghai calendar date). */
    coveredUntil: p.date().nullable(),
  },
});
export type EquipmentUnit = InferEntity<typeof EquipmentUnitSchema>;
