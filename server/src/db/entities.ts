import { BaseSchema } from './base.entity';
import { DealerSchema } from '../modules/dealers/dealer.entity';
import { EquipmentModelSchema } from '../modules/equipment/equipment-model.entity';
import { EquipmentUnitSchema } from '../modules/equipment/equipment-unit.entity';
import { DepartmentSchema } from '../modules/hospitals/department.entity';
import { HospitalSchema } from '../modules/hospitals/hospital.entity';
import { LibraryDocumentSchema } from '../modules/library/document.entity';
import { GiftSchema } from '../modules/points/gift.entity';

/** Every entity the ORM knows; listed by hand so no folder scanning happens at start. */
export const ENTITIES = [
  BaseSchema,
  HospitalSchema,
  DepartmentSchema,
  EquipmentModelSchema,
  EquipmentUnitSchema,
  DealerSchema,
  LibraryDocumentSchema,
  GiftSchema,
];
