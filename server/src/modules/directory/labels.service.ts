import type { EntityManager } from '@mikro-orm/core';
import QRCode from 'qrcode';
import type { Label } from '../../../../shared/schemas/admin-directory.schema';
import { NotFoundError } from '../../core/errors';
import { selectUnitsById, selectUnitsBySerial } from './directory.read';

/**
 * The QR payload is the label code alone, which `GET /equipment/by-code/:code`
 * resolves. Level M survives a scuffed corner of a label on a scope that is
 * wiped down every day; a one-module margin keeps small labels small (the
 * sheet adds its own white space around each code).
 */
export function qrSvg(labelCode: string): Promise<string> {
  return QRCode.toString(labelCode, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/**
 * Labels in the order asked — the ids, then the serials (a unit asked twice
 * prints twice). An unknown id refuses the sheet (the selection is stale);
 * an unknown serial is reported in `missing` (it was typed or imported with
 * an error) and the rest print.
 */
export async function labelSheet(em: EntityManager, ask: { unitIds: string[]; serials: string[] }): Promise<{ labels: Label[]; missing: string[] }> {
  const [byIdRows, bySerialRows] = await Promise.all([selectUnitsById(em, [...new Set(ask.unitIds)]), selectUnitsBySerial(em, [...new Set(ask.serials)])]);
  const byId = new Map(byIdRows.map((r) => [r.id, r]));
  const missingIds = ask.unitIds.filter((id) => !byId.has(id));
  if (missingIds.length) throw new NotFoundError(`有 ${new Set(missingIds).size} 台设备不存在，请刷新列表后重新选择`);
  const bySerial = new Map(bySerialRows.map((r) => [r.serial, r]));
  const units = [...ask.unitIds.map((id) => byId.get(id)!), ...ask.serials.flatMap((s) => bySerial.get(s) ?? [])];
  const svgs = new Map<string, string>();
  for (const unit of units) if (!svgs.has(unit.id)) svgs.set(unit.id, await qrSvg(unit.labelCode));
  return {
    labels: units.map((unit) => ({
      unitId: unit.id,
      labelCode: unit.labelCode,
      serial: unit.serial,
      model: unit.model.name,
      hospital: unit.hospital.name,
      department: unit.department?.name ?? null,
      qrSvg: svgs.get(unit.id)!,
    })),
    missing: [...new Set(ask.serials.filter((s) => !bySerial.has(s)))],
  };
}
