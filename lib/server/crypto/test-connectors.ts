import "server-only";
// Connector rows for encryption tests, created straight through Prisma (the secrets module
// under test only updates existing rows).
import type { Db } from "@/lib/server/db/client";

let sequence = 0;

export async function createTestConnector(db: Db, displayName = `Connector ${++sequence}`): Promise<string> {
  const row = await db.connector.create({
    data: { kind: "ado", displayName, authMethod: "pat", createdBy: "encryption-test" },
    select: { id: true },
  });
  return row.id;
}

export async function createTestConnectors(db: Db, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push(await createTestConnector(db));
  return ids;
}

/** A minimal MSAL-shaped cache carrying `marker` where a refresh token would be. */
export const msalCache = (marker: string) =>
  JSON.stringify({ Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: { "rt-1": { credential_type: "RefreshToken", secret: marker } }, AppMetadata: {} });
