import "server-only";
// How the portal runs SQLite, set once per connection as it starts: WAL lets pages read while the
// scheduler writes, and synchronous=NORMAL syncs at checkpoints rather than on every commit, which
// is durable in WAL mode (https://sqlite.org/wal.html). journal_mode stays with the file;
// synchronous belongs to the connection, so every process that writes sets both.
import type { Db } from "./client";

export async function configureSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}
