// `lzsim backup --out FILE` and `lzsim restore --in FILE [--replace]`: every design with its whole history, members,
// share links and the users they name, as one versioned JSON file (gzip when FILE ends in .gz), and back.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupError, parseBackup, readBackup, restoreBackup } from '../../db/backup';
import { stripByteOrderMark } from '../../schemas/text-checks';
import { CliError, describeFsError } from '../cli-error';
import { defineCommand } from '../command';
import { withAppDatabase } from './app-db';

const BACKUP_HELP = `Usage: lzsim backup --out FILE [--design ID]...

Write every design (or the given ones) to FILE: each row of the design with its ids, its whole history
(revisions, undo/redo, authors), its members and share links, and the users they name (with their password
hashes: keep the file private; it is written readable by you only). FILE ending in .gz is gzip-compressed.
The backup is one consistent snapshot, even while the app is running.
Uses DATABASE_URL when set, otherwise the embedded database of "npm start".

Options:
  --out FILE     where to write the backup (required)
  --design ID    back up only this design (repeatable)
  -h, --help     show this help

Exit codes: 0 written, 2 bad arguments, unknown design or unwritable file.`;

const RESTORE_HELP = `Usage: lzsim restore --in FILE [--replace]

Restore the designs of a backup made by "lzsim backup" (JSON, or gzip), into an empty or an existing database,
all in one transaction: every design of the file, or nothing. A design whose id or name exists already is
refused, naming it, unless --replace, which deletes that design first. Users are matched by username (an
existing user keeps its password); missing ones are created.
Uses DATABASE_URL when set, otherwise the embedded database of "npm start".

Options:
  --in FILE      the backup file (required)
  --replace      replace designs with the same id or name
  -h, --help     show this help

Exit codes: 0 restored, 2 bad arguments, unreadable or invalid file (the message names the JSON path), or a
design that exists already.`;

/** The backup subcommand. */
export const backupCommand = defineCommand({
  name: 'backup',
  summary: 'Write every design with its full history, members and share links to one file',
  help: BACKUP_HELP,
  options: { out: { type: 'string' }, design: { type: 'string', multiple: true } },
  async run(parsed, io) {
    const out = parsed.values.out;
    if (!out) throw new CliError('backup needs --out FILE');
    let backup;
    try {
      backup = await withAppDatabase(io, (db) => readBackup(db, parsed.values.design));
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(`backup: ${error.message}`);
      throw error;
    }
    const text = `${JSON.stringify(backup)}\n`;
    try {
      await writeFile(resolve(io.cwd, out), out.endsWith('.gz') ? gzipSync(text) : text, { mode: 0o600 });
    } catch (error) {
      throw new CliError(`${out}: cannot write: ${describeFsError(error)}`);
    }
    const changes = backup.designs.reduce((sum, design) => sum + (design.tables.DesignChange?.length ?? 0), 0);
    io.stderr(`Wrote ${backup.designs.length} design${backup.designs.length === 1 ? '' : 's'} (${changes} history entries, ${backup.users.length} users) to ${out}\n`);
    return 0;
  },
});

/** The restore subcommand. */
export const restoreCommand = defineCommand({
  name: 'restore',
  summary: 'Restore the designs of a backup file, refusing (or with --replace replacing) designs that exist',
  help: RESTORE_HELP,
  options: { in: { type: 'string' }, replace: { type: 'boolean' } },
  async run(parsed, io) {
    const file = parsed.values.in;
    if (!file) throw new CliError('restore needs --in FILE');
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(io.cwd, file));
    } catch (error) {
      throw new CliError(`${file}: cannot read file: ${describeFsError(error)}`);
    }
    let text: string;
    try {
      text = stripByteOrderMark((bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8'));
    } catch (error) {
      throw new CliError(`${file}: not a readable gzip file: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
    try {
      const backup = parseBackup(json);
      const report = await withAppDatabase(io, (db) => restoreBackup(db, backup, { replace: parsed.values.replace }));
      for (const design of report.designs) io.stderr(`${design.replaced ? 'Replaced' : 'Restored'} ${design.id} ${JSON.stringify(design.name)}\n`);
      io.stderr(`Restored ${report.designs.length} design${report.designs.length === 1 ? '' : 's'}; users created: ${report.usersCreated.length}, matched by username: ${report.usersMatched.length}\n`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(`${file}: ${error.message}`);
      throw error;
    }
  },
});
