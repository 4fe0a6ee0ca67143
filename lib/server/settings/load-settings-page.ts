import "server-only";
// What the Settings page shows of the portal's configuration: endpoints, the agent's identity,
// where the data lives. Never a secret (no client secret, no key, no database credentials).
import { assertAccess, type Access } from "@/lib/server/auth/access";
import { settings, type Settings } from "@/lib/server/settings";

/** Where the data lives, without the credentials a PostgreSQL URL may carry. */
function describeDatabase(database: Settings["database"]): { engine: string; location: string } {
  if (database.provider === "sqlite") return { engine: "SQLite (embedded)", location: database.file };
  try {
    const url = new URL(database.url);
    return { engine: "PostgreSQL", location: `${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}` };
  } catch {
    return { engine: "PostgreSQL", location: "(unreadable URL)" };
  }
}

export function loadSettingsPage(access: Access<"settings.read">) {
  assertAccess(access, "settings.read");
  const config = settings();
  return {
    sandbox: config.sandbox,
    authorityHost: config.authorityHost,
    adoBaseUrl: config.adoBaseUrl,
    graphBaseUrl: config.graphBaseUrl,
    armBaseUrl: config.armBaseUrl,
    agent: config.agent,
    portalClientId: config.portal.clientId,
    database: describeDatabase(config.database),
    encryptionKeysFromEnvironment: Boolean(config.encryptionKeys),
    dataDir: config.dataDir,
  };
}
