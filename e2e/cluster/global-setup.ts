// The cluster: a throwaway PostgreSQL, the sandbox cloud, two standalone portal processes on that
// one database (same key ring, schedulers on), and nginx terminating TLS with a certificate of
// the sandbox CA at TB_PUBLIC_URL and balancing the two. Specs reach the portal only through the
// proxy (TB_E2E_BASE_URL); each replica's own address is for /metrics and for killing one. Each
// replica's output is kept in test-results/cluster/replicas/ (replica-log.ts).
import type { FullConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startPostgresCluster } from "../../lib/testing/postgres-cluster";
import { startSandbox } from "../../sandbox/server";
import { ensureCertificates } from "../../sandbox/tls/certificates";
import { buildPortalIfStale, startPortal, type PortalProcess } from "../../scripts/portal-process";
import { portalEnvForSandbox } from "../../scripts/sandbox-portal-env";
import { CLUSTER_METRICS_TOKEN, type ClusterReplica } from "./cluster-env";
import { keepProxyLogs, startNginxProxy } from "./nginx-proxy";
import { registerPublicRedirectUris } from "./register-redirect-uris";
import { keepReplicaLog, replicaLogPath } from "./replica-log";

export default async function globalSetup(config: FullConfig) {
  const started = Date.now();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tb-cluster-"));
  const sandboxDir = path.resolve(".data/sandbox");
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(scratch, { recursive: true, force: true })];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch((error: unknown) => console.error(error));
  };
  try {
    const postgres = await startPostgresCluster();
    cleanups.push(() => postgres.stop());
    const sandbox = await startSandbox({ httpsPort: 0, miPort: 0, dataDir: sandboxDir, quiet: true });
    cleanups.push(() => sandbox.stop());
    buildPortalIfStale();

    const proxyPort = await freePort();
    const publicUrl = `https://localhost:${proxyPort}`;
    // Entra accepts https redirect URIs only as registered, port included (the loopback port
    // exception is for http): the public URL's callbacks are registered, as in a real tenant.
    await registerPublicRedirectUris(sandbox.origin, publicUrl);

    // One key ring for every replica: what one encrypts, the other must read.
    const encryptionKeys = `cluster1:${randomBytes(32).toString("base64")}`;
    const ports = [await freePort(), await freePort()];
    const replicas: PortalProcess[] = await Promise.all(
      ports.map((port, index) =>
        startPortal({
          port,
          // Kept for the replica's log file (and echoed with TB_E2E_VERBOSE).
          quiet: true,
          env: {
            ...portalEnvForSandbox(sandbox),
            TB_DATA_DIR: path.join(scratch, `replica-${index + 1}`),
            DATABASE_URL: postgres.url,
            TB_ENCRYPTION_KEYS: encryptionKeys,
            TB_PUBLIC_URL: publicUrl,
            TB_TRUST_PROXY: "1",
            TB_SCHEDULER_ENABLED: "1",
            // The shortest interval the settings allow; ticks come every quarter of it (15 s ± 20%).
            TB_CHECK_INTERVAL_SECONDS: "60",
            // Small claims (8 connectors), so both replicas take part in one round.
            TB_CHECK_CONCURRENCY: "2",
            TB_METRICS_TOKEN: CLUSTER_METRICS_TOKEN,
            // Every request and every sweep, for the replica logs a failure is read from.
            TB_LOG_LEVEL: "info",
          },
        }),
      ),
    );
    const outputDir = config.projects[0]?.outputDir ?? path.resolve("test-results/cluster");
    const logs = replicas.map((_, index) => replicaLogPath(outputDir, index));
    // Closed after the replicas have stopped (cleanups run last to first).
    const closeLogs = replicas.map((replica, index) =>
      keepReplicaLog(replica, logs[index]!, `replica ${index + 1}, pid ${replica.child.pid}, http://127.0.0.1:${ports[index]}`, !!process.env.TB_E2E_VERBOSE),
    );
    cleanups.push(async () => {
      await Promise.all(closeLogs.map((close) => close()));
      console.log(`replica logs kept: ${logs.map((file) => path.relative(process.cwd(), file)).join(", ")}`);
    });
    for (const replica of replicas) cleanups.push(() => replica.stop());

    const { certPem, keyPem } = ensureCertificates(sandboxDir);
    const proxyPrefix = path.join(scratch, "nginx");
    // Copied once the proxy has stopped (cleanups run last to first), before the scratch folder goes.
    cleanups.push(() => console.log(`proxy logs kept: ${keepProxyLogs(proxyPrefix, path.join(outputDir, "proxy")).join(", ")}`));
    const proxy = await startNginxProxy({
      prefix: proxyPrefix,
      port: proxyPort,
      upstreams: ports.map((port) => `127.0.0.1:${port}`),
      certPem,
      keyPem,
    });
    cleanups.push(() => proxy.stop());

    const described: ClusterReplica[] = replicas.map((replica, index) => ({ pid: replica.child.pid ?? 0, directUrl: `http://127.0.0.1:${ports[index]}`, log: logs[index]! }));
    process.env.TB_E2E_BASE_URL = proxy.origin;
    process.env.TB_E2E_SANDBOX_ORIGIN = sandbox.origin;
    process.env.TB_CLUSTER_DATABASE_URL = postgres.url;
    process.env.TB_CLUSTER_REPLICAS = JSON.stringify(described);
    process.env.TB_CLUSTER_PROXY_PREFIX = proxy.prefix;
    console.log(`cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${proxy.origin} → ${described.map((r) => r.directUrl).join(", ")}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
