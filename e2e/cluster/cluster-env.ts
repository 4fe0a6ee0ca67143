// What the cluster's global setup tells the specs (through the environment: Playwright's
// workers are other processes).
import { existsSync } from "node:fs";
import path from "node:path";
import type { TestInfo } from "@playwright/test";

/** log: the file the replica's stdout and stderr are kept in (replica-log.ts). */
export type ClusterReplica = { pid: number; directUrl: string; log: string };

/** The scrape token the replicas are started with (a test value). */
export const CLUSTER_METRICS_TOKEN = "cluster-metrics-scrape-token-01";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the cluster test through \`npm run test:cluster\`.`);
  return value;
}

export const clusterDatabaseUrl = () => required("TB_CLUSTER_DATABASE_URL");
export const clusterReplicas = () => JSON.parse(required("TB_CLUSTER_REPLICAS")) as ClusterReplica[];
export const sandboxOrigin = () => required("TB_E2E_SANDBOX_ORIGIN");

/** After a test that failed: attaches each replica's log so far and says where the whole of it is kept. */
export async function attachReplicaLogsOnFailure(testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  const replicas = clusterReplicas();
  for (const [index, replica] of replicas.entries()) await testInfo.attach(`replica-${index + 1}.log`, { path: replica.log, contentType: "text/plain" });
  // The proxy's own errors so far (a 502 says there why); the whole log is kept when the cluster stops.
  const proxyErrors = path.join(process.env.TB_CLUSTER_PROXY_PREFIX ?? "", "error.log");
  if (process.env.TB_CLUSTER_PROXY_PREFIX && existsSync(proxyErrors)) await testInfo.attach("proxy-error.log", { path: proxyErrors, contentType: "text/plain" });
  console.log(`each replica's stdout and stderr, kept after the run: ${replicas.map((replica) => replica.log).join(", ")}`);
}
