import "server-only";
import { db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { log } from "@/lib/server/log";
import { settings } from "@/lib/server/settings";

export async function prepareServer(): Promise<void> {
  const config = settings();
  const started = Date.now();
  await migrateDatabase(config.database);
  log.info("database ready", {
    provider: config.database.provider,
    location: config.database.provider === "sqlite" ? config.database.file : new URL(config.database.url).host,
    ms: Date.now() - started,
  });
  await db().$queryRawUnsafe("SELECT 1");
}
