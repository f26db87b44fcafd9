import type { EntityManager } from '@mikro-orm/core';
import QRCode from 'qrcode';
import type { Label } from '../../../../shared/schemas/admin-directory.schema';
import { NotFoundError } from '../../core/errors';
import { selectUnitsById } from './directory.read';

/**
 * The QR payload is the label code alone, which `GET /equipment/by-code/:code`
 * resolves. Level M survives a scuffed corner of a label on a scope that is
 * wiped down every day; a one-module margin keeps small labels small (the
 * sheet adds its own white space around each code).
 */
export function qrSvg(labelCode: string): Promise<string> {
  return QRCode.toString(labelCode, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/** Labels in the order asked (a unit asked twice prints twice); any unknown id refuses the sheet. */
export async function labelSheet(em: EntityManager, unitIds: string[]): Promise<{ labels: Label[] }> {
  const rows = await selectUnitsById(em, [...new Set(unitIds)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unitIds.filter((id) => !byId.has(id));
  if (missing.length) throw new NotFoundError(`有 ${new Set(missing).size} 台设备不存在，请刷新列表后重新选择`);
  const svgs = new Map<string, string>();
  for (const row of rows) svgs.set(row.id, await qrSvg(row.labelCode));
  return {
    labels: unitIds.map((id) => {
      const unit = byId.get(id)!;
      return {
        unitId: unit.id,
        labelCode: unit.labelCode,
        serial: unit.serial,
        model: unit.model.name,
        hospital: unit.hospital.name,
        department: unit.department?.name ?? null,
        qrSvg: svgs.get(id)!,
      };
    }),
  };
}
