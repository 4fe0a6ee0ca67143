import "server-only";
// SQLite serves one portal process. Replicas need PostgreSQL: the scheduler's row claims, the
// OAuth refresh lock and the alert leader lock are PostgreSQL locks, and a second server on one
// SQLite file fails in its migration step with an obscure engine error ("unknown variant
// `SocketTimeout`"). So the server takes an exclusive lock beside the database file before it
// migrates, and a second server on the same file refuses to start and says what to do instead.
//
// The lock is SQLite's own (an open EXCLUSIVE transaction on a small side file), which is an OS
// file lock: the kernel drops it when the process dies, so a crash never leaves a stale lock,
// and it also holds between containers on one host that mount the same volume (not on network
// file systems, where SQLite's locking is unreliable: https://sqlite.org/howtocorrupt.html). Command-line tools such as
// `npm run keys:rotate` do not take it; they are meant to run beside the portal.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "@/lib/server/errors";

type Held = { lockFile: string; connection: Database.Database };

const holder = globalThis as unknown as { tenantBridgeSqliteLock?: Held };

export const processLockFile = (databaseFile: string) => `${databaseFile}.process-lock`;

/** Holds the lock for the rest of this process's life; throws when another process holds it. */
export function holdSqliteProcessLock(databaseFile: string): void {
  const lockFile = processLockFile(databaseFile);
  // Next.js may run startup twice in one process (dev reloads); this process already holds it.
  if (holder.tenantBridgeSqliteLock?.lockFile === lockFile) return;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const connection = new Database(lockFile, { timeout: 0 });
  try {
    connection.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    connection.close();
    if (!(error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_BUSY"))) throw error;
    throw new AppError(
      "misconfigured",
      `Another TenantBridge process is already serving the SQLite database ${databaseFile} (it holds ${lockFile}). ` +
        "SQLite runs one portal process only. To run several replicas, give them all one PostgreSQL database: " +
        'set DATABASE_URL="postgresql://user:password@host:5432/tenantbridge" and the same TB_ENCRYPTION_KEYS on every replica.',
    );
  }
  holder.tenantBridgeSqliteLock = { lockFile, connection };
}
