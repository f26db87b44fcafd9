import type { MikroORM } from '@mikro-orm/core';
import type { TicketStatus } from '../../shared/tickets';
import type { FieldCipher } from '../../server/src/core/pii/field-cipher';
import { DealerSchema } from '../../server/src/modules/dealers/dealer.entity';
import { DepartmentSchema } from '../../server/src/modules/hospitals/department.entity';
import { HospitalSchema } from '../../server/src/modules/hospitals/hospital.entity';
import { TicketDelegationSchema } from '../../server/src/modules/tickets/ticket-delegation.entity';
import { newTicketRecord } from '../../server/src/modules/tickets/ticket.record';
import { UserSchema } from '../../server/src/modules/users/user.entity';
import { UserPii } from '../../server/src/modules/users/user.pii';

/** Each test server's cipher, by its ORM, so fixtures can seal fields the way the server does. */
const ciphers = new WeakMap<MikroORM, FieldCipher>();
export function registerCipher(orm: MikroORM, cipher: FieldCipher): void {
  ciphers.set(orm, cipher);
}

export interface TicketFixture {
  reporterPhone?: string;
  reporterId?: string;
  hospitalName: string;
  departmentName: string;
  status?: TicketStatus;
  description?: string;
  contactName?: string;
  contactPhone?: string;
  assignedEngineerPhone?: string;
  createdAt?: Date;
  delegatedTo?: { dealerName: string; purpose: 'onsite_check' | 'pickup'; ended?: boolean };
}

/**
 * A ticket written straight into the database, for testing who may see it
 * (creating tickets through the API arrives with the repair workflow).
 * It goes through the same record builder the server uses, so it is sealed alike.
 */
export async function insertTicket(orm: MikroORM, f: TicketFixture): Promise<{ id: string; number: string }> {
  const cipher = ciphers.get(orm);
  if (!cipher) throw new Error('insertTicket needs a server started with startTestServer()');
  const pii = new UserPii(cipher);
  const em = orm.em.fork();
  const byPhone = async (phone: string) => {
    const user = await em.findOne(UserSchema, { phoneIndex: pii.phoneIndex(phone) });
    if (!user) throw new Error(`no user with phone ${phone}`);
    return user;
  };
  const reporterId = f.reporterId ?? (await byPhone(f.reporterPhone ?? '13800000004')).id;
  const hospital = await em.findOneOrFail(HospitalSchema, { name: f.hospitalName });
  const department = await em.findOneOrFail(DepartmentSchema, { hospital: hospital.id, name: f.departmentName });
  const ticket = await newTicketRecord(
    em,
    cipher,
    {
      reporterId,
      department,
      model: 'QV-G290 电子胃镜',
      serial: `T${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      description: f.description ?? '镜头图像模糊，清洁后仍不清楚。',
      contactName: f.contactName ?? '联系人',
      contactPhone: f.contactPhone ?? '13700001234',
      status: f.status,
      assignedEngineerId: f.assignedEngineerPhone ? (await byPhone(f.assignedEngineerPhone)).id : null,
      createdAt: f.createdAt,
    },
    new Date(),
  );
  await em.flush();
  if (f.delegatedTo) {
    const dealer = await em.findOneOrFail(DealerSchema, { name: f.delegatedTo.dealerName });
    em.create(TicketDelegationSchema, {
      ticket,
      dealer,
      purpose: f.delegatedTo.purpose,
      delegatedById: reporterId,
      endedAt: f.delegatedTo.ended ? new Date() : null,
    });
    await em.flush();
  }
  return { id: ticket.id, number: ticket.number };
}
