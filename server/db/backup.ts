import 'server-only';

import type { Prisma, PrismaClient } from './client';
import { TRANSACTION_LIMITS } from './transaction';

// Backup and restore of whole designs, row for row: every row of every table that belongs to a design (found from
// the database's own foreign keys, so a table a later issue adds is backed up without touching this file), with
// its ids, history (DesignChange: revisions, payloads, authors), members and share links, and the users those
// name. Row ids are kept because history payloads refer to rows by id (undo after a restore must still work).
// Restoring writes every design in one transaction: all of the file, or nothing.

/** The `format` field of a backup file. */
export const BACKUP_FORMAT = 'lzsim-backup';
/** The version of the backup layout (not of the database schema, which `migration` names). */
export const BACKUP_VERSION = 1;

/** Tables that do not belong to one design: people and their sign-ins (users are carried separately). */
const GLOBAL_TABLES = new Set(['User', 'Session', '_prisma_migrations']);
const USER_TABLE = 'User';
/** The users' columns a backup carries (sessions are never backed up: a restore signs nobody in). */
const USER_COLUMNS = ['id', 'username', 'displayName', 'passwordHash', 'oidcIssuer', 'oidcSubject', 'isAdmin', 'createdAt'];

/** One row as JSON (PostgreSQL's to_jsonb of the row: timestamps as ISO strings, enums as their labels). */
export type BackupRow = Record<string, unknown>;

/** One design: its rows per table (the Design table holds its one row). */
export interface DesignBackup {
  id: string;
  name: string;
  tables: Record<string, BackupRow[]>;
}

/** A backup file's content. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** The last database migration applied where the backup was made. */
  migration: string;
  createdAt: string;
  /** Users named by the designs' members and share links. */
  users: BackupRow[];
  designs: DesignBackup[];
}

/** A restore refused before anything was written, naming where in the file the problem is. */
export class BackupError extends Error {
  constructor(
    /** JSON path of the offending value, e.g. `designs[0].tables.Account[3].status`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'BackupError';
  }
}

interface Column {
  name: string;
  /** PostgreSQL type name (udt_name): text, int4, float8, bool, timestamp, jsonb, _text, or an enum's name. */
  type: string;
  nullable: boolean;
  /** True when the database fills the column itself when a row leaves it out. */
  hasDefault: boolean;
}

interface ForeignKey {
  column: string;
  parent: string;
  /** The referenced column of `parent` (its id, as a rule). */
  parentColumn: string;
  nullable: boolean;
  /** Checked at commit (DEFERRABLE INITIALLY DEFERRED): imposes no insertion order. */
  deferred: boolean;
}

interface Table {
  name: string;
  columns: Map<string, Column>;
  foreignKeys: ForeignKey[];
  /** SQL condition selecting the table's rows of design $1 (alias t). */
  ofDesign: string;
}

/** The design-owned tables in parent-before-child order, with each table's columns and its way to its design. */
interface Catalog {
  tables: Table[];
  enums: Map<string, Set<string>>;
  userColumns: Map<string, Column>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function readCatalog(db: Prisma.TransactionClient | PrismaClient): Promise<Catalog> {
  const columnRows = await db.$queryRaw<{ table: string; column: string; type: string; nullable: boolean; hasDefault: boolean }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column", c.udt_name AS "type", (c.is_nullable = 'YES') AS "nullable",
      (c.column_default IS NOT NULL) AS "hasDefault"
    FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`;
  const keyRows = await db.$queryRaw<{ table: string; column: string; parent: string; parentColumn: string; deferred: boolean }[]>`
    SELECT child.relname AS "table", a.attname AS "column", parent.relname AS "parent", pa.attname AS "parentColumn", k.condeferred AS "deferred"
    FROM pg_constraint k
    JOIN pg_class child ON child.oid = k.conrelid
    JOIN pg_class parent ON parent.oid = k.confrelid
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
    JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
    WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace AND array_length(k.conkey, 1) = 1`;
  const enumRows = await db.$queryRaw<{ type: string; label: string }[]>`
    SELECT t.typname AS "type", e.enumlabel AS "label" FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    WHERE t.typnamespace = current_schema()::regnamespace`;

  const columnsOf = new Map<string, Map<string, Column>>();
  for (const row of columnRows) {
    const columns = columnsOf.get(row.table) ?? new Map<string, Column>();
    columns.set(row.column, { name: row.column, type: row.type, nullable: row.nullable, hasDefault: row.hasDefault });
    columnsOf.set(row.table, columns);
  }
  const keysOf = new Map<string, ForeignKey[]>();
  for (const row of keyRows) {
    const nullable = columnsOf.get(row.table)?.get(row.column)?.nullable ?? true;
    keysOf.set(row.table, [...(keysOf.get(row.table) ?? []), { column: row.column, parent: row.parent, parentColumn: row.parentColumn, nullable, deferred: row.deferred }]);
  }
  const enums = new Map<string, Set<string>>();
  for (const row of enumRows) enums.set(row.type, (enums.get(row.type) ?? new Set()).add(row.label));

  // How each table reaches Design: its own designId, or a NOT NULL foreign key to a table that reaches it.
  const ofDesign = new Map<string, string>([['Design', 't."id" = $1']]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [table, columns] of columnsOf) {
      if (ofDesign.has(table) || GLOBAL_TABLES.has(table)) continue;
      if (columns.get('designId')?.nullable === false) {
        ofDesign.set(table, 't."designId" = $1');
        changed = true;
        continue;
      }
      const keys = (keysOf.get(table) ?? []).filter((k) => k.parent !== table);
      const through = (k: ForeignKey) => `t.${quote(k.column)} IN (SELECT p.${quote(k.parentColumn)} FROM ${quote(k.parent)} p WHERE ${ofDesign.get(k.parent)!.replaceAll('t."', 'p."')})`;
      const required = keys.find((k) => !k.nullable && ofDesign.has(k.parent));
      if (required) {
        ofDesign.set(table, through(required));
        changed = true;
        continue;
      }
      // A row with exactly one of several owners (an inline policy of a user, group or role: a CHECK constraint
      // says so): it belongs to the design of whichever owner it has, once every owner's table is placed.
      const owners = keys.filter((k) => k.nullable);
      if (owners.length === 0 || !owners.every((k) => ofDesign.has(k.parent) || GLOBAL_TABLES.has(k.parent))) continue;
      const designOwners = owners.filter((k) => ofDesign.has(k.parent));
      if (designOwners.length === 0) continue;
      ofDesign.set(table, `(${designOwners.map(through).join(' OR ')})`);
      changed = true;
    }
  }
  const unowned = [...columnsOf.keys()].filter((table) => !ofDesign.has(table) && !GLOBAL_TABLES.has(table));
  if (unowned.length > 0) throw new Error(`Backup cannot tell which design the rows of ${unowned.join(', ')} belong to (no designId and no NOT NULL foreign key leading to Design).`);

  // Parents before children (foreign keys between design tables); a table's references to itself are checked at
  // the end of its one INSERT statement, and deferred keys at commit, so they need no order (they also break the
  // cycles the schema has, e.g. Organization.managementAccountId -> Account -> Organization).
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const pending = [...ofDesign.keys()].sort();
  while (pending.length > 0) {
    const index = pending.findIndex((table) => (keysOf.get(table) ?? []).every((k) => k.deferred || k.parent === table || placed.has(k.parent) || !ofDesign.has(k.parent)));
    if (index < 0) throw new Error(`Backup cannot order the tables ${pending.join(', ')}: their foreign keys form a cycle.`);
    const [name] = pending.splice(index, 1);
    placed.add(name);
    ordered.push({ name, columns: columnsOf.get(name)!, foreignKeys: keysOf.get(name) ?? [], ofDesign: ofDesign.get(name)! });
  }
  return { tables: ordered, enums, userColumns: columnsOf.get(USER_TABLE) ?? new Map() };
}

async function latestMigration(db: Prisma.TransactionClient | PrismaClient): Promise<string> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS "name" FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
    ORDER BY migration_name DESC LIMIT 1`;
  return rows[0]?.name ?? '';
}

/** Every design (or the given ones) with all its rows, and the users they name; read in one snapshot. */
export async function readBackup(db: PrismaClient, designIds?: string[]): Promise<Backup> {
  return db.$transaction(
    async (tx) => {
      // One consistent snapshot of every table, even while the app keeps editing.
      await tx.$executeRawUnsafe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const catalog = await readCatalog(tx);
      const designs = await tx.design.findMany({
        where: designIds ? { id: { in: designIds } } : {},
        select: { id: true, name: true },
        orderBy: { createdAt: 'asc' },
      });
      if (designIds) {
        const missing = designIds.filter((id) => !designs.some((design) => design.id === id));
        if (missing.length > 0) throw new BackupError('designs', `no design with id ${missing.join(', ')}`);
      }
      const backups: DesignBackup[] = [];
      const userIds = new Set<string>();
      for (const design of designs) {
        const tables: Record<string, BackupRow[]> = {};
        for (const table of catalog.tables) {
          const rows = await tx.$queryRawUnsafe<{ row: BackupRow }[]>(
            `SELECT to_jsonb(t) AS "row" FROM ${quote(table.name)} t WHERE ${table.ofDesign} ORDER BY ${table.columns.has('id') ? 't."id"' : 'to_jsonb(t)::text'}`,
            design.id,
          );
          if (rows.length === 0) continue;
          tables[table.name] = rows.map((r) => r.row);
          for (const key of table.foreignKeys.filter((k) => k.parent === USER_TABLE)) {
            for (const { row } of rows) if (typeof row[key.column] === 'string') userIds.add(row[key.column] as string);
          }
        }
        backups.push({ id: design.id, name: design.name, tables });
      }
      const users = userIds.size === 0 ? [] : await tx.$queryRawUnsafe<{ row: BackupRow }[]>(
        `SELECT jsonb_build_object(${USER_COLUMNS.map((c) => `'${c}', u.${quote(c)}`).join(', ')}) AS "row" FROM "User" u WHERE u."id" = ANY($1::text[]) ORDER BY u."username"`,
        [...userIds],
      );
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        migration: await latestMigration(tx),
        createdAt: new Date().toISOString(),
        users: users.map((u) => u.row),
        designs: backups,
      };
    },
    TRANSACTION_LIMITS,
  );
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Why `value` cannot go into `column`, or null when it can. */
function valueProblem(value: unknown, column: Column, enums: Map<string, Set<string>>): string | null {
  if (value === null) return column.nullable ? null : 'must not be null';
  const labels = enums.get(column.type);
  if (labels) return typeof value === 'string' && labels.has(value) ? null : `must be one of ${[...labels].join(', ')}`;
  switch (column.type) {
    case 'text':
    case 'varchar':
      return typeof value === 'string' ? null : 'must be a string';
    case 'int2':
    case 'int4':
    case 'int8':
      return Number.isInteger(value) ? null : 'must be an integer';
    case 'float4':
    case 'float8':
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'timestamp':
    case 'timestamptz':
    case 'date':
      return typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be an ISO 8601 date and time';
    case 'json':
    case 'jsonb':
      return null;
    default:
      if (column.type.startsWith('_')) return Array.isArray(value) ? null : 'must be an array';
      return null;
  }
}

/** Checks every row against the target database's columns; throws BackupError naming the first bad value. */
function checkRows(path: string, rows: unknown, columns: Map<string, Column>, enums: Map<string, Set<string>>): BackupRow[] {
  if (!Array.isArray(rows)) throw new BackupError(path, 'must be an array of rows');
  rows.forEach((row, index) => {
    const rowPath = `${path}[${index}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new BackupError(rowPath, 'must be an object (one row)');
    for (const [key, value] of Object.entries(row)) {
      const column = columns.get(key);
      if (!column) throw new BackupError(`${rowPath}.${key}`, 'is not a column of this database (a backup from another lzsim version?)');
      const problem = valueProblem(value, column, enums);
      if (problem) throw new BackupError(`${rowPath}.${key}`, problem);
    }
    for (const column of columns.values()) {
      if (!column.nullable && !column.hasDefault && !(column.name in row)) throw new BackupError(`${rowPath}.${column.name}`, 'is required');
    }
  });
  return rows as BackupRow[];
}

/**
 * The backup in `value` (a parsed backup file), its envelope checked; the rows are checked against the database's
 * columns when restored. Throws BackupError naming the JSON path of the first problem.
 */
export function parseBackup(value: unknown): Backup {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw new BackupError('(file)', 'must be a JSON object (an lzsim backup)');
  if (value.format !== BACKUP_FORMAT) throw new BackupError('format', `must be "${BACKUP_FORMAT}" (this is not an lzsim backup)`);
  if (value.version !== BACKUP_VERSION) throw new BackupError('version', `must be ${BACKUP_VERSION}; this lzsim cannot read backup version ${JSON.stringify(value.version)}`);
  if (typeof value.migration !== 'string') throw new BackupError('migration', 'must be the name of the database migration the backup was made at');
  if (!Array.isArray(value.users)) throw new BackupError('users', 'must be an array');
  if (!Array.isArray(value.designs)) throw new BackupError('designs', 'must be an array');
  const seen = new Map<string, number>();
  value.designs.forEach((design: unknown, index) => {
    const path = `designs[${index}]`;
    if (!isObject(design) || !isObject(design.tables)) throw new BackupError(`${path}.tables`, 'must be an object of rows per table');
    const rows = design.tables.Design;
    const row = Array.isArray(rows) && rows.length === 1 && isObject(rows[0]) ? rows[0] : undefined;
    if (!row || typeof row.id !== 'string' || typeof row.name !== 'string') throw new BackupError(`${path}.tables.Design`, 'must hold the design\'s one row, with its id and name');
    for (const key of [`id ${row.id}`, `name ${row.name}`]) {
      const earlier = seen.get(key);
      if (earlier !== undefined) throw new BackupError(path, `has the same ${key.split(' ')[0]} as designs[${earlier}]`);
      seen.set(key, index);
    }
  });
  return value as unknown as Backup;
}

/** What a restore did. */
export interface RestoreReport {
  designs: { id: string; name: string; replaced: boolean }[];
  usersCreated: string[];
  usersMatched: string[];
}

/**
 * Writes the backup's designs into the database in one transaction. A design whose id or name is taken is refused
 * (BackupError naming it) unless `replace`, which deletes the design holding that id or name first. Users are
 * matched by username (the existing user keeps its password); missing ones are created.
 */
export async function restoreBackup(db: PrismaClient, backup: Backup, options: { replace?: boolean } = {}): Promise<RestoreReport> {
  return db.$transaction(
    async (tx) => {
      const catalog = await readCatalog(tx);
      const migration = await latestMigration(tx);
      if (backup.migration > migration) {
        throw new BackupError('migration', `the backup was made by a newer lzsim (database migration ${backup.migration}; this database is at ${migration || 'none'}): upgrade lzsim first`);
      }
      const tablesByName = new Map(catalog.tables.map((table) => [table.name, table]));
      const report: RestoreReport = { designs: [], usersCreated: [], usersMatched: [] };

      // Users: matched by username, else created with their backed-up id (or a fresh one when that id is taken).
      const userIdMap = new Map<string, string>();
      const users = checkRows('users', backup.users, catalog.userColumns, catalog.enums);
      for (const [index, user] of users.entries()) {
        if (typeof user.username !== 'string' || typeof user.id !== 'string') throw new BackupError(`users[${index}]`, 'needs an id and a username');
        const existing = await tx.user.findUnique({ where: { username: user.username }, select: { id: true } });
        if (existing) {
          userIdMap.set(user.id, existing.id);
          report.usersMatched.push(user.username);
          continue;
        }
        const idTaken = (await tx.user.count({ where: { id: user.id } })) > 0;
        const columns = Object.keys(user).filter((key) => !(idTaken && key === 'id'));
        const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
          `INSERT INTO "User" (${columns.map(quote).join(', ')}) SELECT ${columns.map(quote).join(', ')} FROM jsonb_populate_record(NULL::"User", $1::jsonb) RETURNING "id"`,
          JSON.stringify(user),
        );
        userIdMap.set(user.id, inserted[0].id);
        report.usersCreated.push(user.username);
      }

      for (const [index, design] of backup.designs.entries()) {
        const path = `designs[${index}]`;
        const { id, name } = design.tables.Design[0] as { id: string; name: string };
        for (const tableName of Object.keys(design.tables)) {
          if (!tablesByName.has(tableName)) throw new BackupError(`${path}.tables.${tableName}`, 'is not a table of a design in this database (a backup from another lzsim version?)');
        }
        const taken = await tx.design.findMany({ where: { OR: [{ id }, { name }] }, select: { id: true, name: true } });
        if (taken.length > 0 && !options.replace) {
          const clash = taken.find((d) => d.id === id) ? `a design with id ${id} exists already ("${taken[0].name}")` : `a design named "${name}" exists already (id ${taken[0].id})`;
          throw new BackupError(path, `${clash}: nothing was restored; restore --replace replaces it, or rename or delete it first`);
        }
        if (taken.length > 0) await tx.design.deleteMany({ where: { id: { in: taken.map((d) => d.id) } } });

        for (const table of catalog.tables) {
          const raw = design.tables[table.name];
          if (raw === undefined) continue;
          const tablePath = `${path}.tables.${table.name}`;
          const rows = checkRows(tablePath, raw, table.columns, catalog.enums);
          if (rows.length === 0) continue;
          const userKeys = table.foreignKeys.filter((k) => k.parent === USER_TABLE).map((k) => k.column);
          for (const row of rows) {
            for (const key of userKeys) {
              if (typeof row[key] === 'string') {
                const mapped = userIdMap.get(row[key] as string);
                if (!mapped) throw new BackupError(`${tablePath}[${rows.indexOf(row)}].${key}`, `names user ${row[key] as string}, who is not in the backup's users`);
                row[key] = mapped;
              }
            }
          }
          const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
          const list = columns.map(quote).join(', ');
          try {
            await tx.$executeRawUnsafe(
              `INSERT INTO ${quote(table.name)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${quote(table.name)}, $1::jsonb)`,
              JSON.stringify(rows),
            );
          } catch (error) {
            throw new BackupError(tablePath, `the database refused these rows (${constraintReason(error)}): nothing was restored`);
          }
        }
        report.designs.push({ id, name, replaced: taken.length > 0 });
      }
      return report;
    },
    { ...TRANSACTION_LIMITS, timeout: 10 * 60_000 },
  );
}

/** The constraint a refused INSERT broke, in words (never the server's address or the SQL). */
function constraintReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/duplicate key|23505|Unique constraint/i.test(text)) return 'a row with the same id or unique key exists already';
  if (/foreign key|23503/i.test(text)) return 'a row refers to a row that is neither in the backup nor in the database';
  if (/check constraint|23514/i.test(text)) return 'a row breaks a check constraint';
  if (/not-null|23502/i.test(text)) return 'a required column is missing';
  return 'a value does not fit its column';
}
