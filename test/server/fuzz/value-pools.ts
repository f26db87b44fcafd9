import type { MikroORM } from '@mikro-orm/core';
import { rows } from '../../support/db';
import type { JsonSchema, ValueContext } from './schema-values';

/** Which table a field or parameter's real ids come from (a path's `id` is named by the segment before it). */
const TABLE_FOR: Record<string, string> = {
  tickets: 'ticket', ticketId: 'ticket',
  hospitals: 'hospital', hospitalId: 'hospital',
  departments: 'department', departmentId: 'department', departmentIds: 'department',
  units: 'equipment_unit', equipmentId: 'equipment_unit', unitIds: 'equipment_unit',
  models: 'equipment_model', modelId: 'equipment_model',
  gifts: 'gift', giftId: 'gift',
  addresses: 'address', addressId: 'address',
  redemptions: 'redemption_order',
  chats: 'chat_session', lastReadId: 'chat_message', after: 'chat_message',
  documents: 'library_document', viewId: 'document_view',
  files: 'stored_file', fileId: 'stored_file', fileIds: 'stored_file', badgeFileId: 'stored_file', attachmentIds: 'stored_file', imageIds: 'stored_file', photoFileIds: 'stored_file', voiceFileId: 'stored_file',
  requests: 'privacy_request', 'access-requests': 'access_request',
  dealers: 'dealer', dealerId: 'dealer',
  ids: 'notification',
  accounts: 'app_user', users: 'app_user', registrations: 'app_user', userId: 'app_user', userIds: 'app_user', subjectUserId: 'app_user', actorId: 'app_user', engineerId: 'app_user',
};
const POOL_SQL = [...new Set(Object.values(TABLE_FOR))]
  .map((t) => `select * from (select '${t}' as t, id from ${t} order by id desc limit 20) x_${t}`)
  .join(' union all ');

export interface Known {
  actorUserIds: string[];
  phones: string[];
  policyVersion: string;
}

/** Real ids of what the server holds now (the fuzz's own 2xx answers add some), and values worth knowing. */
export async function loadValueContext(orm: MikroORM, known: Known): Promise<ValueContext> {
  const pools = new Map<string, string[]>();
  for (const { t, id } of await rows<{ t: string; id: string }>(orm, POOL_SQL)) pools.set(t, [...(pools.get(t) ?? []), id]);
  // The actors' own accounts are never offered: an admin's successful disable, role change or session revocation
  // of another actor would leave that actor unable to take part in the rest of the run.
  const actors = new Set(known.actorUserIds);
  pools.set('app_user', (pools.get('app_user') ?? []).filter((id) => !actors.has(id)));
  const anyIds = [...pools].filter(([t]) => t !== 'app_user').flatMap(([, ids]) => ids);
  const hints: Record<string, unknown[]> = {
    phone: known.phones,
    subjectPhone: known.phones,
    contactPhone: known.phones,
    job: ['sla', 'retention', 'cancellation-purge'],
    policyVersion: [known.policyVersion],
  };
  return {
    idsFor: (name) => {
      const table = TABLE_FOR[name];
      return table ? (pools.get(table) ?? []) : anyIds;
    },
    hints: (name) => hints[name] ?? [],
    // A chat's long poll holds the request for `wait` seconds: valid values stay at 0–1 s so the run stays
    // bounded (out-of-range waits are still sent, by the mutations, which use the schema as published).
    narrow: (name, schema: JsonSchema) => (name === 'wait' ? { ...schema, maximum: Math.min(schema.maximum ?? 1, 1) } : schema),
  };
}
