import { z } from 'zod';
import { EquipmentByCodeSchema } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError } from '../../core/errors';
import { defineRoute } from '../../http/route';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';
import { EquipmentModelSchema } from './equipment-model.entity';
import { EquipmentUnitSchema } from './equipment-unit.entity';
import { serialFromLabel } from './label-code';

export function equipmentRoutes(_deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/equipment/by-code/:code',
      summary: 'Resolve a scanned label (QR or GS1 DataMatrix) to a unit of the caller’s hospital',
      tags: ['equipment'],
      access: { permission: 'tickets.create' },
      params: z.object({ code: z.string().min(3).max(200) }),
      response: EquipmentByCodeSchema,
      errors: [404],
      handler: async ({ params, state }) => {
        const em = state.em;
        const serial = serialFromLabel(params.code);
        const unit = await em.findOne(EquipmentUnitSchema, { $or: [{ labelCode: params.code }, { serial: serial ?? params.code }] });
        const user = state.actor!.user;
        // Staff only resolve their own hospital's units; anything else looks unknown.
        if (!unit || (user.role === 'staff' && unit.hospital.id !== user.hospitalId)) throw new NotFoundError('Unknown label.');
        const [model, hospital, department] = await Promise.all([
          em.findOneOrFail(EquipmentModelSchema, { id: unit.model.id }),
          em.findOneOrFail(HospitalSchema, { id: unit.hospital.id }),
          unit.department ? em.findOne(DepartmentSchema, { id: unit.department.id }) : null,
        ]);
        return {
          id: unit.id,
          model: model.name,
          serial: unit.serial,
          hospital: { id: hospital.id, name: hospital.name },
          department: department ? { id: department.id, name: department.name } : null,
        };
      },
    }),
  ];
}
