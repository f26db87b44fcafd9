import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { ImportKind, ImportResult } from '../../../../../shared/schemas/admin-directory.schema';
import type { AppDeps } from '../../../app-deps';
import { ConflictError } from '../../../core/errors';
import type { Actor } from '../../../http/state';
import { recordAudit } from '../../audit/audit.service';
import { readCsvTable } from './csv-table';
import { departmentImporter } from './departments.import';
import { equipmentImporter } from './equipment.import';
import { hospitalImporter } from './hospitals.import';
import { summarize, type Importer } from './import-plan';

const IMPORTERS: Record<ImportKind, Importer<unknown>> = {
  hospitals: hospitalImporter as Importer<unknown>,
  departments: departmentImporter as Importer<unknown>,
  equipment: equipmentImporter as Importer<unknown>,
};

/**
 * A CSV import. The dry run plans every row and writes nothing. The apply
 * plans again inside its transaction (the database may have moved since the
 * dry run) and writes every valid row in that one transaction, skipping the
 * rows with errors. If the database refuses a write the checks did not
 * foresee (a legacy label code equal to a new one, a unit saved by someone
 * else meanwhile), nothing of the file is written.
 */
export async function runImport(
  deps: AppDeps,
  em: EntityManager,
  admin: Actor,
  kind: ImportKind,
  input: { csv: string; dryRun: boolean },
  requestId: string,
): Promise<ImportResult> {
  const importer = IMPORTERS[kind];
  const table = readCsvTable(input.csv, importer.columns);
  if (input.dryRun) return summarize(kind, true, await importer.plan(em, table));
  try {
    return await em.transactional(async (tx) => {
      const rows = await importer.plan(tx, table);
      await importer.apply(tx, rows, deps.clock.now());
      const result = summarize(kind, false, rows);
      recordAudit(tx, {
        actorId: admin.userId,
        action: `directory.import.${kind}`,
        reason: `${result.created} 新增, ${result.updated} 更新, ${result.failed} 行有错误`,
        requestId,
      });
      await tx.flush();
      return result;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      throw new ConflictError('导入未完成，没有写入任何数据：有记录与数据库中已有的数据冲突（例如标签码已被其他设备使用，或有人同时修改了这些数据）。请重新预检后再导入', { cause: err });
    }
    throw err;
  }
}
