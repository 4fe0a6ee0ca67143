// What the cluster's global setup tells the specs (through the environment: Playwright's
// workers are other processes).
export type ClusterReplica = { pid: number; directUrl: string };

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
