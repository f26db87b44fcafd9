import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TICKET_STATUSES } from '../../../../shared/tickets';
import { baseProperties } from '../../db/base.entity';
import { EquipmentUnitSchema } from '../equipment/equipment-unit.entity';
import { DepartmentSchema } from '../hospitals/department.entity';
import { HospitalSchema } from '../hospitals/hospital.entity';

/**
 * A repair ticket: the record the access tiers govern. Lists page by `id`
 * (UUIDv7, so creation order) and filter by who may see what; the contact's
 * name and phone are sealed like every personal field.
 */
export const TicketSchema = defineEntity({
  name: 'Ticket',
  tableName: 'ticket',
  indexes: [
    // The dashboard's period filters (tickets created in a range).
    { properties: ['createdAt'] },
    // One keyset scan per way of seeing a ticket, newest first (tickets.read.ts; the plans are in
    // docs/performance.md): own tickets, a managed department, an engineer's assigned tickets. Each
    // also serves its column alone.
    { properties: ['reporterId', 'id'] },
    { properties: ['department', 'id'] },
    { properties: ['assignedEngineerId', 'id'] },
    // The unassigned queue. Partial, because PostgreSQL does not read `is null` as an equality that
    // keeps (status, assigned_engineer_id, id) in id order; the same statement works on SQLite.
    {
      name: 'ticket_queue_index',
      expression: `create index "ticket_queue_index" on "ticket" ("id") where "status" = 'submitted' and "assigned_engineer_id" is null`,
    },
  ],
  properties: {
    ...baseProperties(),
    number: p.string().length(20).unique(),
    reporterId: p.uuid(),
    hospital: p.manyToOne(HospitalSchema).index(),
    department: p.manyToOne(DepartmentSchema),
    equipmentUnit: p.manyToOne(EquipmentUnitSchema).nullable().index(),
    model: p.string().length(60).nullable(),
    serial: p.string().length(40).nullable(),
    description: p.text(),
    contactNameSealed: p.text(),
    contactPhoneSealed: p.text(),
    status: p.enum([...TICKET_STATUSES]).default('submitted').index(),
    assignedEngineerId: p.uuid().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Ticket = InferEntity<typeof TicketSchema>;
