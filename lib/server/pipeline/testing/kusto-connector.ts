// A Kusto connector with MI + FIC settings and nothing else, for tests that store runs of it.
import type { Db } from "@/lib/server/db/client";

export function createKustoConnector(db: Db, name: string) {
  return db.connector.create({
    data: {
      kind: "kusto",
      displayName: name,
      authMethod: "mi_fic",
      clusterUrl: `https://${name}.kusto.windows.net`,
      database: "db",
      appClientId: "app",
      targetTenantId: "tenant",
      createdBy: "test",
    },
    select: { id: true },
  });
}
