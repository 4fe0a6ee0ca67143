// One portal replica for `npm run bench:health -- --replicas N`: its own process, Prisma client,
// token cache and scheduler, as a real replica has, sweeping the PostgreSQL database that the
// other replicas share. bench-health.ts starts it with the portal's environment, waits for every
// replica to say it is ready (modules loaded, database connected), then sends "go" to all at once.
import { performance } from "node:perf_hooks";

export type ReplicaReady = { kind: "ready" };
export type ReplicaResult = {
  kind: "result";
  checked: number;
  failed: number;
  errors: number;
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
  /** The connectors this replica checked, for the parent to verify against the runs table. */
  connectorIds: string[];
};

async function main() {
  const concurrency = Number(process.env.TB_BENCH_CONCURRENCY);
  if (!process.send || !(concurrency >= 1)) throw new Error("bench-health-replica runs as a child of bench-health.ts");
  const send = (message: ReplicaReady | ReplicaResult) => new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));

  // The process-wide client, configured from DATABASE_URL as a deployed replica's is.
  const { db: processDb } = await import("../lib/server/db/client");
  const { createScheduler } = await import("../lib/server/scheduler/scheduler");
  const { scheduledCheck } = await import("../lib/server/pipeline/run-check");
  const db = processDb();
  // Open the pool before "go", so the first claim does not pay for the connection.
  await db.$queryRaw`SELECT 1`;

  const connectorIds: string[] = [];
  const scheduler = createScheduler(db, {
    intervalSeconds: 900,
    concurrency,
    retentionDays: 30,
    dispatcher: null,
    // The product's own check; the replica only notes which connectors it was handed.
    check: (client, connectorId) => {
      connectorIds.push(connectorId);
      return scheduledCheck(client, connectorId);
    },
  });

  process.once("message", async () => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const report = await scheduler.tick(new Date(Date.now() + 1000));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    await send({
      kind: "result",
      checked: report.checked,
      failed: report.failed,
      errors: report.errors,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      connectorIds,
    });
    await db.$disconnect();
    process.disconnect();
  });
  await send({ kind: "ready" });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
