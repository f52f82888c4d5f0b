/**
 * One way to reach the database whichever driver is behind it: embedded
 * PGlite (no server needed) or a Postgres server through postgres.js. Both get
 * the same schema, the same migrations and the same SQL. An embedded data
 * folder is shared by every Pulse process through its owner (db/folder/).
 */
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { openFolderClient } from "./folder/open-folder.js";
import { migrationsFolder } from "./package-root.js";
import {
  CONNECT_TIMEOUT_S,
  checkPostgresUrl,
  explainPostgresFailure,
  unanswered,
} from "./postgres-failure.js";
import { withoutRowData } from "./query-failure.js";
import * as schema from "./schema/index.js";

export type DatabaseTarget =
  | {
      mode: "embedded";
      dataDir: string | null;
      /**
       * In memory only: a dumped data folder (a tar, see `dumpMigrated`) to start from instead of
       * an empty one. Tests start each database from one migrated copy rather than initialising
       * and migrating it again; migrations still run, so a stale copy is brought up to date.
       */
      from?: Blob;
    }
  | { mode: "postgres"; url: string };

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Something SQL can be sent to: the database or an open transaction. */
export interface Queryable {
  /** Runs a query and returns its rows, whatever shape the driver uses. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly driver: "pglite" | "postgres";
  readonly orm: Orm;
  /** All or nothing: an error inside rolls back everything `fn` wrote. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Both drivers answer `execute` differently: postgres.js with an array, PGlite with `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

function queryable(orm: Orm): Queryable {
  return { rows: async (query) => rowsOf(await orm.execute(query)) };
}

/** Runs a call as it is; the shared folder passes one that takes over from a vanished owner. */
type Guard = <T>(call: () => Promise<T>) => Promise<T>;
const unguarded: Guard = (call) => call();

function wrap(
  driver: Database["driver"],
  orm: Orm,
  close: () => Promise<void>,
  guard: Guard = unguarded,
): Database {
  const { rows } = queryable(orm);
  const shown = (error: unknown): Promise<never> => Promise.reject(withoutRowData(error));
  return {
    driver,
    orm,
    rows: <T extends Record<string, unknown>>(query: SQL) =>
      guard(() => rows<T>(query)).catch(shown),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      guard(() => orm.transaction((tx) => fn(queryable(tx as unknown as Orm)))).catch(shown),
    close,
  };
}

/** An arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_207_301;

async function openPostgres(url: string): Promise<Database> {
  // Migrate on a single dedicated connection holding an advisory lock, so
  // several Pulse processes starting at once do not race on the schema.
  checkPostgresUrl(url);
  const migrator = postgres(url, {
    max: 1,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_S,
  });
  try {
    // A server that never answers leaves postgres.js reconnecting forever: the first contact has a deadline.
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      migrator`select 1`,
      new Promise((_, reject) => {
        deadline = setTimeout(() => reject(unanswered(url)), (CONNECT_TIMEOUT_S + 1) * 1000);
      }),
    ])
      .catch((error: unknown) => {
        throw explainPostgresFailure(url, error) ?? error;
      })
      .finally(() => clearTimeout(deadline));
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(migrator), { migrationsFolder: migrationsFolder() });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    // A server that never answered cannot be said goodbye to.
    await migrator.end({ timeout: 0 });
  }
  // Analytics queries hash and sort hundreds of thousands of rows (a year of orders summed per
  // customer): 32 MB per sort or hash keeps them in memory where the 4 MB default spills to disk.
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { work_mem: "32MB" },
  });
  const orm = drizzlePostgres(client, { schema }) as unknown as Orm;
  return wrap("postgres", orm, () => client.end());
}

/** A data folder is served by its owner process (migrated there); in memory it is this process's alone. */
async function openEmbedded(dataDir: string | null, from?: Blob): Promise<Database> {
  if (dataDir) {
    const folder = await openFolderClient(dataDir);
    const orm = drizzlePostgres(folder.client, { schema }) as unknown as Orm;
    return wrap("pglite", orm, folder.close, folder.guard);
  }
  const client = new PGlite(from ? { loadDataDir: from } : {});
  const orm = drizzlePglite(client, { schema });
  await migratePglite(orm, { migrationsFolder: migrationsFolder() });
  return wrap("pglite", orm as unknown as Orm, () => client.close());
}

/** A freshly migrated in-memory database's data folder as an uncompressed tar, for `from`. */
export async function dumpMigrated(): Promise<Blob> {
  const client = new PGlite();
  try {
    await migratePglite(drizzlePglite(client, { schema }), {
      migrationsFolder: migrationsFolder(),
    });
    return await client.dumpDataDir("none");
  } finally {
    await client.close();
  }
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.mode === "postgres"
    ? openPostgres(target.url)
    : openEmbedded(target.dataDir, target.from);
}

export { sql };

/** A Date as an SQL timestamptz: postgres.js binds no Date where the type is not known from the column. */
export const instant = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;
