import 'server-only';

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

// Prisma's migration engine, compiled to WebAssembly and driven through the pg driver adapter. The Prisma CLI
// would download a native engine from Prisma's servers, which our machines cannot reach; this engine ships in
// npm and writes the same `_prisma_migrations` rows, so the real CLI can take over wherever it works.

/** The engine instance type of @prisma/schema-engine-wasm. */
export type SchemaEngine = glue.SchemaEngine;

/** A schema engine bound to one database, and the way to release it. */
export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections, so the process can exit at once. */
  close(): Promise<void>;
}

/** The schema filter that leaves no table or enum out. */
export const NO_SCHEMA_FILTER = { externalTables: [], externalEnums: [] };

let glueReady: Promise<void> | undefined;

/**
 * Loads the .wasm next to the JS glue by hand: the package's main entry imports the .wasm as an ES module,
 * which Node 20 only allows with --experimental-wasm-modules.
 */
function loadGlue(): Promise<void> {
  glueReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = await readFile(join(packageDir, 'schema_engine_bg.wasm'));
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    // The engine arms timers (connection and statement timeouts) that would keep the process alive for about
    // ten seconds after the work is done; unref() lets a CLI exit as soon as it has finished.
    for (const name of Object.keys(imports)) {
      if (name.startsWith('__wbg_setTimeout_')) {
        imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
      }
    }
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return glueReady;
}

/**
 * Where the engine connects: a database URL, or "offline" for schema-to-schema diffs that read no database.
 */
export type SchemaEngineTarget = { databaseUrl: string } | 'offline';

/**
 * An adapter for diffs between two datamodels. The engine still probes the server once when it starts
 * (namespace, version); we answer that probe with the PostgreSQL version lzsim ships, and refuse every other
 * statement, so a diff can never touch a database by mistake.
 */
function offlineAdapterFactory() {
  const refuse = async (what: string): Promise<never> => {
    throw new Error(`The offline schema engine cannot ${what}: it only diffs schemas.`);
  };
  const adapter = {
    provider: 'postgres' as const,
    adapterName: 'lzsim-offline',
    async queryRaw(query: { sql: string }) {
      if (query.sql.includes('server_version_num')) {
        // columnTypes: Boolean (5), Text (7), Int32 (0), per ColumnTypeEnum of @prisma/driver-adapter-utils.
        return { columnNames: ['exists', 'version', 'numeric_version'], columnTypes: [5, 7, 0], rows: [[true, 'PostgreSQL 18.4', 180004]] };
      }
      return refuse(`run "${query.sql.slice(0, 60)}"`);
    },
    executeRaw: () => refuse('execute statements'),
    executeScript: () => refuse('run scripts'),
    startTransaction: () => refuse('open transactions'),
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: async () => undefined,
  };
  return {
    provider: 'postgres' as const,
    adapterName: 'lzsim-offline',
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

/**
 * Opens the schema engine. `schema` is the Prisma schema text the engine starts from (diffs and migrations pass
 * their own schemas explicitly, so any valid schema will do).
 */
export async function openSchemaEngine(target: SchemaEngineTarget, schema: string): Promise<OpenSchemaEngine> {
  await loadGlue();
  // We own the pool so that close() can end it; the adapter would otherwise keep idle connections for 10 s.
  const pool =
    target === 'offline' ? undefined : new pg.Pool({ connectionString: target.databaseUrl, max: 2, connectionTimeoutMillis: 5_000 });
  const factory = pool ? new PrismaPg(pool) : offlineAdapterFactory();
  const adapter = bindMigrationAwareSqlAdapterFactory(factory as unknown as PrismaPg);
  const engine = await glue.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => undefined, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await pool?.end();
    },
  };
}

/** Runs `work` with an engine open on `target`, always releasing it afterwards. */
export async function withSchemaEngine<T>(
  target: SchemaEngineTarget,
  schema: string,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const open = await openSchemaEngine(target, schema);
  try {
    return await work(open.engine);
  } finally {
    await open.close();
  }
}
