// Demo data for screenshots, written straight into a scratch SQLite database with the generated
// Prisma client: the product's API cannot (and must not) set check results or PAT dates.
// Never point this at a real database: it deletes every connector first.
import { createHash, randomBytes } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../lib/generated/prisma";

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const days = (n: number) => new Date(Date.now() + n * 24 * 3600_000);

// Tenant ids of the sandbox's default world are not needed here: the list shows no tenant ids.
const litwareTenant = "6b1f6c4e-2f1a-4d7e-9f0e-2b7a1c9d4e51";
const fabrikamTenant = "0d9e8a2b-5c4f-4b3a-8e1d-7f6a5b4c3d21";

export function openDemoDb(file: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
}

export async function clearConnectors(db: PrismaClient): Promise<void> {
  await db.connector.deleteMany();
  await db.organization.deleteMany();
}

/** One healthy OAuth ADO connector, one failing MI+FIC, one PAT about to expire, one Kusto. */
export async function seedConnectors(db: PrismaClient): Promise<void> {
  await clearConnectors(db);
  const createdBy = "screenshot-seed";
  // Created oldest first: the list shows newest first.
  await db.connector.create({
    data: {
      kind: "kusto",
      displayName: "Litware telemetry",
      authMethod: "mi_fic",
      appClientId: "c0de0000-0000-4000-8000-0000000000a1",
      status: "healthy",
      chainStatus: "healthy",
      clusterUrl: "https://litware.westeurope.kusto.windows.net",
      database: "Telemetry",
      targetTenantId: litwareTenant,
      lastCheckedAt: minutes(-38),
      nextCheckAt: minutes(22),
      createdBy,
      createdAt: days(-20),
    },
  });
  await db.connector.create({
    data: {
      kind: "ado",
      displayName: "Northwind Traders",
      authMethod: "pat",
      status: "healthy",
      chainStatus: "healthy",
      organization: { create: { name: "northwind" } },
      patLast4: "1a2b",
      patSetAt: days(-84),
      patExpiresAt: days(6),
      lastCheckedAt: minutes(-95),
      nextCheckAt: minutes(25),
      createdBy,
      createdAt: days(-14),
    },
  });
  await db.connector.create({
    data: {
      kind: "ado",
      displayName: "Fabrikam",
      authMethod: "mi_fic",
      appClientId: "c0de0000-0000-4000-8000-0000000000a1",
      status: "failing",
      chainStatus: "failing",
      organization: { create: { name: "fabrikam", targetTenantId: fabrikamTenant } },
      targetTenantId: fabrikamTenant,
      lastCheckedAt: minutes(-64),
      nextCheckAt: minutes(-4),
      createdBy,
      createdAt: days(-6),
    },
  });
  const litware = await db.connector.create({
    data: {
      kind: "ado",
      displayName: "Litware",
      authMethod: "oauth",
      status: "healthy",
      chainStatus: "healthy",
      organization: { create: { name: "litware", targetTenantId: litwareTenant } },
      targetTenantId: litwareTenant,
      oauthAccount: "dev@litware.example",
      oauthTenantId: litwareTenant,
      oauthSetAt: days(-1),
      lastCheckedAt: minutes(-12),
      nextCheckAt: minutes(48),
      createdBy,
      createdAt: days(-1),
    },
    include: { organization: true },
  });
  for (const repository of ["payments-api", "checkout-web"]) {
    await db.knowledgeSource.create({
      data: {
        connectorId: litware.id,
        organizationId: litware.organization!.id,
        project: "Commerce",
        repository,
        displayName: repository,
        status: "ready",
        createdBy,
      },
    });
  }
}

/** A session for a signed-in operator, returned as the cookie value the portal expects. */
export async function createOperatorSession(db: PrismaClient, role: "admin" | "reader"): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.operatorSession.create({
    data: {
      tokenHash: createHash("sha256").update(token).digest("hex"),
      operatorId: `screenshot-${role}`,
      tenantId: "11111111-1111-4111-8111-111111111111",
      name: role === "admin" ? "Megan Bowen" : "Alex Wilber",
      username: role === "admin" ? "megan@contoso.example" : "alex@contoso.example",
      role,
      expiresAt: new Date(Date.now() + 3600_000),
    },
  });
  return token;
}
