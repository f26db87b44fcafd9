/**
 * Online backup and restore of the configured database (docs/reliability.md).
 *   npm run db:backup [-- <file>]   back up DATABASE_URL while the server runs
 *                                   (default DATA_DIR/backups/scopedesk-<time>.sqlite|.dump)
 *   npm run db:restore -- <file>    restore into DATABASE_URL, which must be empty
 * Exit 78 on bad configuration, 1 when the backup or restore cannot go ahead.
 */
import path from 'node:path';
import { ConfigError, parseEnv } from '../config/env';
import { BackupError, backupDatabase, defaultBackupFile, restoreDatabase } from '../db/backup';

async function run(command: string | undefined, file: string | undefined): Promise<void> {
  const env = parseEnv(process.env);
  if (command === 'backup') {
    const target = path.resolve(file ?? defaultBackupFile(env.database, path.join(env.DATA_DIR, 'backups')));
    const { bytes } = await backupDatabase(env.database, target);
    console.log(`backup written: ${target} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
    return;
  }
  if (command === 'restore') {
    if (!file) throw new BackupError('name the backup to restore: npm run db:restore -- <file>');
    await restoreDatabase(env.database, path.resolve(file));
    console.log(`restored ${path.resolve(file)} into the ${env.database.dialect} database; start the server with the same PII_KEYS / PII_INDEX_KEY to read it`);
    return;
  }
  throw new BackupError('usage: db-backup.ts backup [file] | restore <file>');
}

run(process.argv[2], process.argv[3]).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  console.error(err instanceof BackupError ? err.message : err);
  process.exit(1);
});
