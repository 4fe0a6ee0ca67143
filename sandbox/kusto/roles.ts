// Database roles. Reading data needs Viewer or better (admins, users, viewers,
// unrestrictedviewers); ingestors and monitors cannot query. A principal written without a
// tenant (`aadapp=<appId>`) means one in the cluster's own tenant.
import type { KustoCluster, KustoDatabase, KustoDatabaseRole } from "../world/kusto";

export const READ_ROLES: KustoDatabaseRole[] = ["admins", "users", "viewers", "unrestrictedviewers"];

/** How `.show principal roles` and `.show database principals` name each role. */
export const ROLE_DISPLAY: Record<KustoDatabaseRole, string> = {
  admins: "Admin",
  users: "User",
  viewers: "Viewer",
  unrestrictedviewers: "UnrestrictedViewer",
  ingestors: "Ingestor",
  monitors: "Monitor",
};

export function sameFqn(worldFqn: string, callerFqn: string, cluster: KustoCluster): boolean {
  const normalise = (fqn: string) => {
    const [kindAndId = "", tenant = cluster.tenantId] = fqn.toLowerCase().split(";");
    return `${kindAndId};${tenant}`;
  };
  return normalise(worldFqn) === normalise(callerFqn);
}

export function rolesOf(cluster: KustoCluster, database: KustoDatabase, callerFqn: string): KustoDatabaseRole[] {
  return database.principals.filter((principal) => sameFqn(principal.fqn, callerFqn, cluster)).map((principal) => principal.role);
}

export function canRead(cluster: KustoCluster, database: KustoDatabase, callerFqn: string): boolean {
  return rolesOf(cluster, database, callerFqn).some((role) => READ_ROLES.includes(role));
}

export function findDatabase(cluster: KustoCluster, name: string): KustoDatabase | undefined {
  // Database names are case-insensitive in Kusto.
  return cluster.databases.find((database) => database.name.toLowerCase() === name.toLowerCase());
}
