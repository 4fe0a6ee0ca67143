// `npm run bench:health`: one scheduled sweep of many connectors, and the dashboard's first page.
//
//   Sweep: --connectors 1000 MI + FIC connectors, one Azure DevOps organization each, spread over
//   --tenants 25 target tenants (a world generated for the sandbox: each tenant has the connector
//   app's service principal, each organization lets it read one project), with the sandbox adding
//   --latency 50 ms to every request. Prints the wall time, the ideal time for --concurrency
//   (upstream calls × latency / --concurrency 8), the portal's CPU time per check, token requests
//   versus distinct (tenant, app, scope) triples, and the sweep's peak RSS. --concurrency 8,16,64
//   runs one cold sweep per value and ends with a summary. Each sweep runs in a process of its own
//   (scripts/bench-health-replica.ts), so its CPU time and peak RSS are the sweep's alone, apart
//   from the seeding; --profile <dir> writes a V8 CPU profile of each sweep there. Each round runs a
//   cold sweep and then --sweeps N - 1 warm ones in the same process (N = 2 by default); the CPU per
//   check is split between the main thread and V8's and libuv's other threads (Linux), and
//   --node-flags "<flags>" starts the sweeping process with V8 or Node flags. --loop-delay samples the
//   event loop's delay every 5 ms during each sweep (off by default: the sampler's own wake-ups
//   cost the sweeping process CPU that would be counted against the checks). --repeat N runs the
//   whole set of rounds N times, one after the other (so the machine's drift falls on every
//   concurrency alike), and the summary gives each figure's lowest, median and highest value.
//   --idle S waits S seconds before each warm sweep, so the connections the last one kept alive
//   have closed, as they have between a scheduler's sweeps 15 minutes apart.
//   Dashboard: --dashboard 5000 connectors with --history 12 runs each (3 checks per run) in a
//   separate SQLite database; times the page's server-side data loader (first page, cold and
//   warm) and counts its SQL queries for 25 and 100 rows; --no-dashboard skips it.
//   Replicas: with --replicas N (PostgreSQL only), the same sweep run by one portal process and
//   then, with every connector due again, by N processes sharing the database (each its own Prisma
//   client, token cache and scheduler, as deployed replicas are), printed side by side: wall time
//   against the ideal, checks per replica from the runs table (each connector exactly once), token
//   requests per triple for the whole cluster, each replica's CPU time and the speedup. The
//   dashboard part is skipped there: it does not depend on replicas.
// The sandbox runs in its own process, as Entra ID and Azure DevOps would, so its CPU time is not
// counted against the portal's sweep.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { spawn } from "node:child_process";
import type { World } from "../sandbox/world/schema";
import type { Db } from "../lib/server/db/client";
import { freePort, startPostgresCluster } from "../lib/testing/postgres-cluster";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../sandbox/world/default/ids";
import { portalEnvForSandbox } from "./sandbox-portal-env";
import { emptyCheckFields } from "../lib/server/pipeline/check-results";
import { checksColumn } from "../lib/server/pipeline/stored-checks";
import type { ReplicaReady, ReplicaResult } from "./bench-health-replica";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} must be a positive number`);
  return value;
};

const CONNECTORS = option("connectors", 1000);
const TENANTS = option("tenants", 25);
const LATENCY_MS = option("latency", 50);
/** One sweep per value, each from a cold cluster: --concurrency 8,16,64. */
const CONCURRENCIES = (() => {
  const index = process.argv.indexOf("--concurrency");
  const values = (index >= 0 ? process.argv[index + 1]! : "8").split(",").map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) throw new Error("--concurrency must be positive integers, comma-separated");
  return values;
})();
const CONCURRENCY = CONCURRENCIES[0]!;
const DASHBOARD = option("dashboard", 5000);
/** --node-flags "<flags>": V8 or Node flags for the sweeping process, e.g. "--max-semi-space-size=32". */
const NODE_FLAGS = (() => {
  const index = process.argv.indexOf("--node-flags");
  return index >= 0 ? process.argv[index + 1]!.split(" ").filter(Boolean) : [];
})();
/** --profile <dir>: a V8 CPU profile of each sweep (the tick only, not the seeding), one .cpuprofile file per round. */
const PROFILE_DIR = (() => {
  const index = process.argv.indexOf("--profile");
  return index >= 0 ? process.argv[index + 1]! : null;
})();
const HISTORY = option("history", 12);
/** --repeat N: every round N times; single runs of the same code differ by up to a millisecond per check here. */
const REPEATS = option("repeat", 1);
/** --loop-delay: the sweeping process samples its event loop's delay (monitorEventLoopDelay, every 5 ms). */
const LOOP_DELAY = process.argv.includes("--loop-delay");
/**
 * Sweeps per round in one process: the cold one, then warm ones with every connector due again
 * (--sweeps 2 by default; --cold-only is --sweeps 1). V8 keeps optimizing functions that became
 * hot late for a sweep or two more, so the last of several warm sweeps is the steady state.
 */
const SWEEPS = process.argv.includes("--cold-only") ? 1 : option("sweeps", 2);
/**
 * --idle S: the sweeping process waits S seconds before each warm sweep. A scheduler sweeps every
 * 15 minutes, long after idle connections have closed (fetch keeps them 4 s, Node's servers 5 s),
 * so each of its sweeps opens its connections again; back to back (0, the default) they stay open.
 */
const IDLE_SECONDS = process.argv.includes("--idle") ? option("idle", 6) : 0;
/** Replicas share work only through PostgreSQL's row locks, so --replicas implies --db postgresql. */
const REPLICAS = process.argv.includes("--replicas") ? option("replicas", 2) : null;
/** sqlite (as the portal runs it: WAL, synchronous=NORMAL, set by each sweeping process) or postgresql. */
const DATABASE = (() => {
  const index = process.argv.indexOf("--db");
  const value = index >= 0 ? process.argv[index + 1] : REPLICAS ? "postgresql" : "sqlite";
  if (value !== "sqlite" && value !== "postgresql") throw new Error("--db must be sqlite or postgresql");
  if (REPLICAS && value !== "postgresql") throw new Error("--replicas needs --db postgresql: SQLite runs one sweeping process at a time");
  return value;
})();

/** A GUID for generated world objects: 4 hex digits of kind, then a counter. */
const guid = (kind: string, n: number) => `${kind}0000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tb-bench-health-"));
  const sandbox = await startSandboxProcess();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  try {
    Object.assign(process.env, portalEnvForSandbox(sandbox), {
      TB_DATA_DIR: dir,
      TB_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString("base64")}`,
      TB_LOG_LEVEL: "error",
      TB_SCHEDULER_ENABLED: "0",
    });
    // Imported after the environment is set: settings() and MSAL read it once, at first use.
    const { createDb } = await import("../lib/server/db/client");
    const { migrateDatabase } = await import("../lib/server/db/migrate");

    // A world with TENANTS target tenants and CONNECTORS organizations.
    const world = (await (await fetch(`${sandbox.origin}/_sandbox/world`)).json()) as World;
    const tenants = Array.from({ length: TENANTS }, (_, i) => guid("7e0a", i + 1));
    const litwareOrg = world.ado.organizations.find((org) => org.name === "litware")!;
    tenants.forEach((id, i) => {
      world.tenants.push({ id, displayName: `Bench tenant ${i + 1}`, defaultDomain: `bench${i + 1}.example` });
      world.servicePrincipals.push({ id: guid("5b0a", i + 1), appId: CONNECTOR_APP.appId, tenantId: id, enabled: true, appRoleAssignments: [], delegatedGrants: [] });
    });
    for (let i = 0; i < CONNECTORS; i++) {
      const sp = guid("5b0a", (i % TENANTS) + 1);
      const project = structuredClone(litwareOrg.projects[0]!);
      Object.assign(project, { id: guid("9f0b", i + 1), name: "Platform", groups: { readers: [sp], contributors: [], projectAdministrators: [] }, repositories: [] });
      world.ado.organizations.push({
        ...structuredClone(litwareOrg),
        name: `bench-${i}`,
        id: guid("0a0c", i + 1),
        tenantId: tenants[i % TENANTS]!,
        collectionAdministrators: [],
        members: [{ principalId: sp, kind: "servicePrincipal", displayName: "TenantBridge Connector", accessLevel: "basic" }],
        pats: [],
        projects: [project],
      });
    }
    const loaded = await fetch(`${sandbox.origin}/_sandbox/world`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(world) });
    if (!loaded.ok) throw new Error(`the sandbox refused the generated world: ${(await loaded.text()).slice(0, 500)}`);

    const cluster = DATABASE === "postgresql" ? await startPostgresCluster() : null;
    const database = cluster ? ({ provider: "postgresql", url: cluster.url } as const) : ({ provider: "sqlite", file: path.join(dir, "sweep.db") } as const);
    await migrateDatabase(database);
    const db = createDb(database);
    const createdAt = new Date(Date.now() - 3600_000);
    await db.organization.createMany({ data: Array.from({ length: CONNECTORS }, (_, i) => ({ id: `org-${i}`, name: `bench-${i}` })) });
    await db.connector.createMany({
      data: Array.from({ length: CONNECTORS }, (_, i) => ({
        kind: "ado",
        displayName: `Bench ${i}`,
        authMethod: "mi_fic",
        status: "healthy",
        organizationId: `org-${i}`,
        agentTenantId: TENANT.contoso,
        miClientId: AGENT_IDENTITY.clientId,
        miPrincipalId: AGENT_IDENTITY.principalId,
        appClientId: CONNECTOR_APP.appId,
        targetTenantId: tenants[i % TENANTS]!,
        createdBy: "bench",
        createdAt,
      })),
    });

    // Once more on a network error: after the seeding, the pooled connection to the sandbox may
    // have idled out on the sandbox's side just as it is reused.
    const adminApi = (method: string, route: string, body?: unknown) => {
      const send = () => fetch(`${sandbox.origin}/_sandbox${route}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return send().catch(send);
    };
    const LARGE = 10_000_000;
    const counters = (await (
      await adminApi("POST", "/faults", [
        { path: "/", latencyMs: 0, times: LARGE },
        { path: "^/[^/]+/oauth2/v2\\.0/token$", latencyMs: 0, times: LARGE },
        { path: "/msi/token", latencyMs: 0, times: LARGE },
      ])
    ).json()) as { ids: number[] };
    await adminApi("POST", "/faults", { path: "/", latencyMs: LATENCY_MS });
    const counts = async () => {
      const { faults } = (await (await adminApi("GET", "/faults")).json()) as { faults: { id: number; remaining: number }[] };
      return counters.ids.map((id) => LARGE - faults.find((fault) => fault.id === id)!.remaining);
    };

    if (REPLICAS) {
      const ctx = { db, databaseUrl: cluster!.url, counts, sandboxCpuMs: sandbox.cpuMs, replicas: REPLICAS };
      try {
        await compareReplicas(ctx);
      } finally {
        await db.$disconnect();
        cluster?.stop();
      }
      return;
    }

    const triples = new Set((await db.connector.findMany({ select: { targetTenantId: true, appClientId: true } })).map((row) => `${row.targetTenantId}:${row.appClientId}:ado`)).size;
    const rounds: {
      concurrency: number;
      repeat: number;
      sweep: string;
      cpuPerCheckMs: number;
      mainThreadPerCheckMs: number | null;
      queriesPerCheck: number;
      wallOverIdeal: number;
      sweepRss: number;
      wallMs: number;
    }[] = [];
    const databaseUrl = cluster ? cluster.url : `file:${path.join(dir, "sweep.db")}`;
    const plan = Array.from({ length: REPEATS }, (_, index) => CONCURRENCIES.map((concurrency) => ({ concurrency, repeat: index + 1 }))).flat();
    for (const { concurrency, repeat } of plan) {
      // Every round starts cold and with every connector due, as a fresh cluster's first sweep.
      // No alert state either, so each round announces the same first transitions (unchecked →
      // healthy) and the rounds differ only in concurrency.
      await db.connector.updateMany({ data: { nextCheckAt: new Date(Date.now() - 60_000), checkClaimId: null } });
      await db.connectorAlertState.deleteMany();
      await db.alertEvent.deleteMany();
      await db.sharedAccessToken.deleteMany();
      const runsBefore = await db.validationRun.count();
      // The sweep runs in a process of its own (a fresh token cache, as a fresh replica's), so its
      // CPU time and RSS are the sweep's alone, apart from this process's seeding.
      const profile = PROFILE_DIR ? path.join(PROFILE_DIR, `sweep-${CONNECTORS}-c${concurrency}${REPEATS > 1 ? `-r${repeat}` : ""}.cpuprofile`) : null;
      const [sweeper] = await Promise.all([startReplica(databaseUrl, concurrency, profile)]);
      // The cold sweep (a fresh process: modules, Prisma's queries and tokens all new), then the warm
      // ones (--sweeps) in the same process with every connector due again, as a scheduler that has
      // run for a while sweeps: the cold figure stays the headline.
      for (let sweepNumber = 1; sweepNumber <= SWEEPS; sweepNumber++) {
        const sweep = sweepNumber === 1 ? "cold" : `${SWEEPS === 2 ? "warm" : `warm ${sweepNumber}`}${IDLE_SECONDS ? ` after ${IDLE_SECONDS} s idle` : ""}`;
        if (sweepNumber > 1 && IDLE_SECONDS) await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
        const before = await counts();
        const loadAverage = os.loadavg()[0]!;
        const sandboxCpuBefore = sandbox.cpuMs();
        const roundStartedAt = new Date();
        const result = await sweeper!.go({ again: sweepNumber < SWEEPS });
        const sandboxCpuMs = sandbox.cpuMs() - sandboxCpuBefore;
        const [calls, exchanges, miTokens] = (await counts()).map((value, i) => value - before[i]!);
        const runs = (await db.validationRun.count()) - runsBefore;
        const outcomes = await db.validationRun.groupBy({ by: ["outcome"], where: { startedAt: { gte: roundStartedAt } }, _count: { _all: true } });
        const idealMs = (calls! * LATENCY_MS) / concurrency;
        const cpuPerCheckMs = result.cpuMs / Math.max(1, result.checked);

        console.log(
          `\nHealth sweep (${sweepNumber === 1 ? "cold: the process's first sweep" : `${sweep}: sweep ${sweepNumber} in the same process, every connector due again`}${REPEATS > 1 ? `; run ${repeat} of ${REPEATS}` : ""}) — ${CONNECTORS} MI + FIC connectors in ${TENANTS} tenants, +${LATENCY_MS} ms per sandbox request, concurrency ${concurrency}, ${DATABASE}, Node ${process.version}\n`,
        );
        console.log(`checked:            ${result.checked} (${outcomes.map((row) => `${row._count._all} ${row.outcome}`).join(", ")}; ${runs} runs stored; ${result.errors} errors)`);
        console.log(`wall time:          ${(result.wallMs / 1000).toFixed(2)} s`);
        console.log(`upstream calls:     ${calls} (every request the sandbox answered)`);
        console.log(`ideal time:         ${(idealMs / 1000).toFixed(2)} s = ${calls} calls × ${LATENCY_MS} ms / ${concurrency}`);
        console.log(`wall / ideal:       ${(result.wallMs / idealMs).toFixed(2)}× (1-minute load average ${loadAverage.toFixed(1)} on ${os.cpus().length} cores as the sweep started)`);
        console.log(`CPU during sweep:   portal ${(result.cpuMs / 1000).toFixed(1)} s, sandbox process ${(sandboxCpuMs / 1000).toFixed(1)} s (${os.cpus().length} cores)`);
        console.log(`CPU per check:      portal ${cpuPerCheckMs.toFixed(2)} ms (process.cpuUsage of the sweeping process during the tick)`);
        if (result.mainThreadCpuMs !== null) {
          const main = result.mainThreadCpuMs / Math.max(1, result.checked);
          console.log(`  by thread:        main thread ${main.toFixed(2)} ms, V8's and libuv's other threads ${(cpuPerCheckMs - main).toFixed(2)} ms (garbage collection, compilation, the pool)`);
        }
        if (result.loopDelayMs) {
          const { p50, p99, max } = result.loopDelayMs;
          console.log(
            `event loop delay:   p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (sampled every 5 ms, so 5 ms is the floor: how long an answer that arrived could wait)`,
          );
        }
        console.log(`queries per check:  ${(result.queries / Math.max(1, result.checked)).toFixed(2)} (${result.queries} SQL statements the sweeping process sent, BEGIN and COMMIT included)`);
        console.log(
          `connections opened: ${
            Object.entries(result.connections)
              .map(([host, count]) => `${count} to ${host}`)
              .join(", ") || "none"
          } (each a TLS handshake; ${calls} calls)`,
        );
        for (const [shape, count] of result.queryShapes) console.log(`  ${String(count).padStart(6)}  ${shape}`);
        console.log(
          `sweep RSS:          the sweeping process: peak ${mib(result.sweepRssBytes)} during the sweep (${mib(result.rssBeforeBytes)} as it started; its own maxRSS ${mib(result.maxRssBytes)}; heap growth ${result.heapGrowthPercent ? `${result.heapGrowthPercent}%` : "V8's own"}, TB_HEAP_GROWTH_PERCENT); the seeding stays in the benchmark's process`,
        );
        console.log(
          `  at the peak:      heap ${mib(result.atPeak.heapUsed)} used of ${mib(result.atPeak.heapTotal)}, external ${mib(result.atPeak.external)} (array buffers ${mib(result.atPeak.arrayBuffers)}); live heap after the sweep (full GC): ${result.liveHeapAfterBytes === null ? "n/a" : mib(result.liveHeapAfterBytes)}`,
        );
        console.log(`token requests:     ${exchanges} to Entra's token endpoint for ${triples} distinct (tenant, app, scope) triples; ${miTokens} managed identity token requests`);
        console.log(`broker cache:       ${JSON.stringify(result.brokerCache)}`);
        if (result.profile) console.log(`CPU profile:        ${result.profile}`);
        rounds.push({
          concurrency,
          repeat,
          sweep,
          cpuPerCheckMs,
          mainThreadPerCheckMs: result.mainThreadCpuMs === null ? null : result.mainThreadCpuMs / Math.max(1, result.checked),
          queriesPerCheck: result.queries / Math.max(1, result.checked),
          wallOverIdeal: result.wallMs / idealMs,
          sweepRss: result.sweepRssBytes,
          wallMs: result.wallMs,
        });
      }
    }
    await printRunStorage(db, DATABASE);
    await db.$disconnect();
    cluster?.stop();
    if (rounds.length > 1) {
      console.log(`\nSummary (${CONNECTORS} connectors, ${DATABASE}): concurrency → portal CPU per check (the main thread's), queries per check, wall time, wall / ideal, sweeping process peak RSS`);
      for (const round of rounds)
        console.log(
          `  ${String(round.concurrency).padStart(4)} ${round.sweep}${REPEATS > 1 ? ` (run ${round.repeat})` : ""}: ${round.cpuPerCheckMs.toFixed(2)} ms${round.mainThreadPerCheckMs === null ? "" : ` (${round.mainThreadPerCheckMs.toFixed(2)})`}, ${round.queriesPerCheck.toFixed(2)} queries, ${(round.wallMs / 1000).toFixed(2)} s, ${round.wallOverIdeal.toFixed(2)}×, ${mib(round.sweepRss)}`,
        );
    }
    if (REPEATS > 1) {
      console.log(`\nOver ${REPEATS} runs (lowest / median / highest): concurrency and sweep → portal CPU per check, the main thread's, wall / ideal, sweeping process peak RSS`);
      const spread = (values: number[], format: (value: number) => string) => {
        const sorted = [...values].sort((a, b) => a - b);
        const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
        return `${format(sorted[0]!)} / ${format(median)} / ${format(sorted[sorted.length - 1]!)}`;
      };
      for (const key of [...new Set(rounds.map((round) => `${round.concurrency} ${round.sweep}`))]) {
        const same = rounds.filter((round) => `${round.concurrency} ${round.sweep}` === key);
        const main = same.flatMap((round) => (round.mainThreadPerCheckMs === null ? [] : [round.mainThreadPerCheckMs]));
        console.log(
          `  ${key.padStart(12)}: ${spread(
            same.map((round) => round.cpuPerCheckMs),
            (value) => `${value.toFixed(2)} ms`,
          )}${main.length ? ` (${spread(main, (value) => value.toFixed(2))})` : ""}, ${spread(
            same.map((round) => round.wallOverIdeal),
            (value) => `${value.toFixed(2)}×`,
          )}, ${spread(
            same.map((round) => round.sweepRss),
            (value) => mib(value),
          )}`,
        );
      }
    }

    if (!process.argv.includes("--no-dashboard")) await dashboard(dir);
    clearInterval(sampler);
    console.log(`\npeak memory:        maxRSS ${mib(process.resourceUsage().maxRSS * 1024)}, peak heap ${mib(peakHeap)} (whole process, sandbox included)\n`);
  } finally {
    clearInterval(sampler);
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type ReplicaContext = {
  db: import("../lib/server/db/client").Db;
  databaseUrl: string;
  /** Sandbox requests so far: [all, Entra token endpoint, managed identity token endpoint]. */
  counts: () => Promise<number[]>;
  sandboxCpuMs: () => number;
  replicas: number;
};

type Round = {
  replicas: ReplicaResult[];
  wallMs: number;
  calls: number;
  exchanges: number;
  miTokens: number;
  sandboxCpuMs: number;
  /** The machine's 1-minute load average as the round started: other work competes for the cores. */
  loadAverage: number;
  /** Per replica, its runs in the round's rows of the runs table. */
  runsPerReplica: number[];
  /** Empty when every connector was checked exactly once. */
  problems: string[];
};

/** The sweep with one replica, then with `replicas`, each replica a process of its own, side by side. */
async function compareReplicas(ctx: ReplicaContext) {
  const triples = new Set((await ctx.db.connector.findMany({ select: { targetTenantId: true, appClientId: true } })).map((row) => `${row.targetTenantId}:${row.appClientId}:ado`)).size;
  const rounds = [await sweepRound(ctx, 1), await sweepRound(ctx, ctx.replicas)];
  const [one, many] = rounds as [Round, Round];
  const ideal = (round: Round) => (round.calls * LATENCY_MS) / (CONCURRENCY * round.replicas.length);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const each = (round: Round, value: (replica: ReplicaResult, i: number) => string) => round.replicas.map(value).join(" + ");
  const rows: [string, (round: Round) => string][] = [
    ["wall time", (round) => seconds(round.wallMs)],
    ["upstream calls", (round) => String(round.calls)],
    ["ideal time", (round) => `${seconds(ideal(round))} (÷ ${CONCURRENCY}×${round.replicas.length})`],
    ["wall / ideal", (round) => `${(round.wallMs / ideal(round)).toFixed(2)}×`],
    ["checks per replica", (round) => each(round, (_, i) => String(round.runsPerReplica[i]))],
    ["each checked once", (round) => (round.problems.length ? "NO" : "yes")],
    ["token requests", (round) => `${round.exchanges} for ${triples} triples (${(round.exchanges / triples).toFixed(2)} each)`],
    ["MI token requests", (round) => String(round.miTokens)],
    ["CPU per replica", (round) => each(round, (replica) => `${(replica.cpuMs / 1000).toFixed(1)} s`)],
    // Near the number of cores (or below it, when other work holds them), the sweep is bound by
    // CPU rather than by upstream latency, and more replicas on the same machine cannot help.
    ["replica CPU / wall", (round) => `${(round.replicas.reduce((sum, replica) => sum + replica.cpuMs, 0) / round.wallMs).toFixed(2)} cores`],
    ["load average", (round) => `${round.loadAverage.toFixed(1)} at the start`],
    ["sandbox CPU", (round) => `${(round.sandboxCpuMs / 1000).toFixed(1)} s`],
    ["peak RSS per replica", (round) => each(round, (replica) => mib(replica.maxRssBytes))],
  ];
  const label = (round: Round) => `${round.replicas.length} replica${round.replicas.length > 1 ? "s" : ""}`;
  const width = Math.max(...rows.map(([, value]) => value(one).length), label(one).length) + 3;

  console.log(
    `\nHealth sweep, 1 vs ${ctx.replicas} replicas — ${CONNECTORS} MI + FIC connectors in ${TENANTS} tenants, +${LATENCY_MS} ms per sandbox request, concurrency ${CONCURRENCY} per replica, postgresql, Node ${process.version}, ${os.cpus().length} cores shared by every replica, the sandbox and PostgreSQL\n`,
  );
  console.log(`${"".padEnd(22)}${label(one).padEnd(width)}${label(many)}`);
  for (const [name, value] of rows) console.log(`${`${name}:`.padEnd(22)}${value(one).padEnd(width)}${value(many)}`);
  console.log(`${"speedup:".padEnd(22)}${"".padEnd(width)}${(one.wallMs / many.wallMs).toFixed(2)}× (1-replica wall / ${ctx.replicas}-replica wall)\n`);
  for (const round of rounds) {
    if (!round.problems.length) continue;
    process.exitCode = 1;
    console.error(`\n!!!!! ERROR: with ${label(round)} the connectors were NOT each checked exactly once:\n  ${round.problems.slice(0, 20).join("\n  ")}\n`);
  }
}

/** Every connector due again, then one sweep by `replicas` processes started together. */
async function sweepRound(ctx: ReplicaContext, replicas: number): Promise<Round> {
  await ctx.db.connector.updateMany({ data: { nextCheckAt: new Date(Date.now() - 60_000), checkClaimId: null } });
  // A cold cluster each round: the tokens the previous round shared through the database would
  // otherwise make the second round's token requests look free.
  await ctx.db.sharedAccessToken.deleteMany();
  const children = await Promise.all(Array.from({ length: replicas }, () => startReplica(ctx.databaseUrl)));
  const before = await ctx.counts();
  const loadAverage = os.loadavg()[0]!;
  const sandboxBefore = ctx.sandboxCpuMs();
  const roundStarted = new Date();
  const started = performance.now();
  const results = await Promise.all(children.map((child) => child.go()));
  const wallMs = performance.now() - started;
  const sandboxCpuMs = ctx.sandboxCpuMs() - sandboxBefore;
  const [calls, exchanges, miTokens] = (await ctx.counts()).map((value, i) => value - before[i]!) as [number, number, number];

  // The runs table is the record: each connector has one scheduled run in the round, and the
  // replica that ran it is the only one that was handed it.
  const runs = await ctx.db.validationRun.groupBy({ by: ["connectorId"], where: { trigger: "schedule", startedAt: { gte: roundStarted } }, _count: { _all: true } });
  const runsOf = new Map(runs.map((row) => [row.connectorId, row._count._all]));
  const owner = new Map<string, number>();
  const problems: string[] = [];
  results.forEach((result, replica) => {
    if (result.errors) problems.push(`replica ${replica + 1}: ${result.errors} checks did not run`);
    for (const id of result.connectorIds) {
      if (owner.has(id)) problems.push(`connector ${id} was handed to replica ${owner.get(id)! + 1} and replica ${replica + 1}`);
      owner.set(id, replica);
    }
  });
  for (const { id } of await ctx.db.connector.findMany({ select: { id: true } })) {
    const count = runsOf.get(id) ?? 0;
    if (count !== 1) problems.push(`connector ${id} has ${count} runs in the round`);
  }
  const runsPerReplica = results.map((_, replica) => runs.filter((row) => owner.get(row.connectorId) === replica).reduce((sum, row) => sum + row._count._all, 0));
  return { replicas: results, wallMs, calls, exchanges, miTokens, sandboxCpuMs, loadAverage, runsPerReplica, problems };
}

/** A replica process (scripts/bench-health-replica.ts); resolves once it is ready to sweep. */
/**
 * What the runs the sweeps stored take on disk, table and indexes (SQLite's dbstat, PostgreSQL's
 * pg_total_relation_size), and what that comes to at the portal's interval and retention: every
 * scheduled check stores a run, so the runs table grows with connectors × checks a day × days kept.
 */
async function printRunStorage(db: Db, provider: "sqlite" | "postgresql") {
  const runs = await db.validationRun.count();
  if (runs === 0) return;
  // SQLite: the pages of the table and of every index on it.
  const [row] =
    provider === "sqlite"
      ? await db.$queryRaw<{ bytes: number | bigint }[]>`SELECT SUM("pgsize") AS "bytes" FROM "dbstat" WHERE "name" IN (SELECT "name" FROM "sqlite_master" WHERE "tbl_name" = 'ValidationRun')`
      : await db.$queryRaw<{ bytes: number | bigint }[]>`SELECT pg_total_relation_size('"ValidationRun"') AS "bytes"`;
  const perRun = Number(row?.bytes ?? 0) / runs;
  const { settings } = await import("../lib/server/settings");
  const { checkIntervalSeconds, runRetentionDays } = settings().health;
  const kept = Math.round((86_400 / checkIntervalSeconds) * runRetentionDays);
  console.log(
    `\nruns table:         ${runs} runs, ${(perRun / 1024).toFixed(1)} KiB each on disk (table and indexes); unthinned, at a check every ${checkIntervalSeconds / 60} min kept ${runRetentionDays} days, a connector would keep ${kept} runs: ${mib(kept * perRun)} per connector, ${((kept * perRun * CONNECTORS) / 1024 ** 3).toFixed(1)} GiB for ${CONNECTORS}`,
  );
  // The history as the hourly prune leaves it once these runs are past the last day.
  const { thinRuns, FULL_HISTORY_MS } = await import("../lib/server/scheduler/thin-runs");
  const thinStarted = performance.now();
  const thinned = await thinRuns(db, { now: new Date(Date.now() + 2 * FULL_HISTORY_MS) });
  const thinMs = performance.now() - thinStarted;
  const lastDay = Math.round(FULL_HISTORY_MS / 1000 / checkIntervalSeconds);
  console.log(
    `  thinned:          ${thinned} of them repeated what the runs on either side found and were deleted in ${thinMs.toFixed(0)} ms; ${runs - thinned} left (${((runs - thinned) / CONNECTORS).toFixed(1)} per connector). A connector whose result does not change keeps its last day (${lastDay} runs) and 2 more per unchanged stretch: about ${(((lastDay + 2) * perRun) / 1024).toFixed(0)} KiB`,
  );
}

async function startReplica(databaseUrl: string, concurrency = CONCURRENCY, profile: string | null = null): Promise<{ go(options?: { again?: boolean }): Promise<ReplicaResult> }> {
  // --conditions=react-server as `npm run bench:health` itself: lib/server imports "server-only".
  // --expose-gc: the replica measures the heap still live after its sweep.
  const child = spawn(process.execPath, [...NODE_FLAGS, "--conditions=react-server", "--expose-gc", "--import", "tsx", path.resolve(import.meta.dirname, "bench-health-replica.ts")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TB_BENCH_CONCURRENCY: String(concurrency), TB_BENCH_PROFILE: profile ?? "", TB_BENCH_LOOP_DELAY: LOOP_DELAY ? "1" : "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const messages: ((message: ReplicaReady | ReplicaResult) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  child.on("message", (message: ReplicaReady | ReplicaResult) => messages.shift()?.(message));
  child.once("exit", (code) => failures.forEach((fail) => fail(new Error(`a replica exited with code ${code} before it answered`))));
  const nextMessage = () =>
    new Promise<ReplicaReady | ReplicaResult>((resolve, reject) => {
      messages.push(resolve);
      failures.push(reject);
    });
  const ready = await nextMessage();
  if (ready.kind !== "ready") throw new Error(`a replica said ${ready.kind} before it was ready`);
  return {
    /** again: the replica stays for another sweep (the next go). */
    go: async (options = {}) => {
      const result = nextMessage();
      child.send(options.again ? "go-again" : "go");
      const message = await result;
      if (message.kind !== "result") throw new Error("a replica answered go without a result");
      return message;
    },
  };
}

/** `npm run sandbox` on free ports, in a child process; resolves once it answers. */
async function startSandboxProcess(): Promise<{ origin: string; env: Record<string, string>; cpuMs(): number; stop(): Promise<void> }> {
  const [httpsPort, miPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../sandbox/cli.ts")], {
    env: { ...process.env, SANDBOX_HTTPS_PORT: String(httpsPort), SANDBOX_MI_PORT: String(miPort), SANDBOX_QUIET: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const origin = `https://localhost:${httpsPort}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${origin}/_sandbox/env`);
      if (response.ok) {
        const env = (await response.json()) as Record<string, string>;
        return {
          origin,
          env,
          // utime + stime of the child, from /proc (clock ticks of 10 ms on Linux).
          cpuMs: () => {
            const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
            return (Number(fields[11]) + Number(fields[12])) * 10;
          },
          stop: async () => {
            child.kill("SIGTERM");
            await new Promise((resolve) => child.once("exit", resolve));
          },
        };
      }
    } catch {
      // not listening yet
    }
    if (attempt > 200 || child.exitCode !== null) throw new Error("the sandbox did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The dashboard's first page over DASHBOARD connectors with HISTORY runs each. */
async function dashboard(dir: string) {
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const { PrismaClient } = await import("../lib/generated/prisma");
  const { migrateDatabase } = await import("../lib/server/db/migrate");
  const { secretColumnsOmitted } = await import("../lib/server/db/client");
  const { loadHealthPage } = await import("../lib/server/health/load-health-page");
  const { listHealth } = await import("../lib/server/health/list-health");
  const { grantAccess } = await import("../lib/server/auth/access");
  // The benchmark times the page's data loader, so it holds the grant a reader's page would.
  const access = grantAccess({ id: "bench", name: "Benchmark", role: "reader" }, "health.read");
  type Db = import("../lib/server/db/client").Db;

  const file = path.join(dir, "dashboard.db");
  await migrateDatabase({ provider: "sqlite", file });
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }), omit: secretColumnsOmitted, log: [{ emit: "event", level: "query" }] });
  let queries = 0;
  client.$on("query", () => queries++);
  const db = client as unknown as Db;

  const seedStarted = performance.now();
  const statuses = ["healthy", "healthy", "healthy", "healthy", "failing", "degraded", "needs_signin", "unchecked"];
  const methods = ["mi_fic", "mi_fic", "oauth", "pat"];
  const now = Date.now();
  const BATCH = 2000;
  for (let offset = 0; offset < DASHBOARD; offset += BATCH) {
    const size = Math.min(BATCH, DASHBOARD - offset);
    const index = (i: number) => offset + i;
    await client.organization.createMany({ data: Array.from({ length: size }, (_, i) => ({ id: `o${index(i)}`, name: `org-${index(i)}` })) });
    await client.connector.createMany({
      data: Array.from({ length: size }, (_, i) => ({
        id: `c${index(i)}`,
        kind: "ado",
        displayName: `Connector ${String(index(i)).padStart(5, "0")}`,
        authMethod: methods[index(i) % methods.length]!,
        status: statuses[index(i) % statuses.length]!,
        organizationId: `o${index(i)}`,
        targetTenantId: guid("7e0a", (index(i) % 50) + 1),
        createdBy: "bench",
        lastCheckedAt: new Date(now - 60_000),
      })),
    });
    const runs = [];
    for (let i = 0; i < size; i++) {
      for (let r = 0; r < HISTORY; r++) {
        const failed = statuses[index(i) % statuses.length] === "failing" && r === 0;
        // The checks column as the portal writes it (lib/server/pipeline/stored-checks.ts).
        const checks = ["mi-token", "exchange", "ado-call"].map((key, position) => ({
          ...emptyCheckFields,
          key,
          label: key,
          status: failed && position === 2 ? ("fail" as const) : ("pass" as const),
          durationMs: 60,
          code: failed && position === 2 ? "TF401444" : null,
        }));
        runs.push({
          id: `r${index(i)}-${r}`,
          connectorId: `c${index(i)}`,
          trigger: "schedule",
          outcome: failed ? "fail" : "pass",
          startedAt: new Date(now - r * 900_000 - 60_000),
          durationMs: 180,
          checks: checksColumn(checks),
        });
      }
    }
    for (let start = 0; start < runs.length; start += 5000) await client.validationRun.createMany({ data: runs.slice(start, start + 5000) });
  }
  const seedMs = performance.now() - seedStarted;

  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const first = { page: 1 } as const;
  const cold = await time(() => loadHealthPage(access, db, first, 900));
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) warm.push(await time(() => loadHealthPage(access, db, first, 900)));
  warm.sort((a, b) => a - b);
  queries = 0;
  await listHealth(access, db, first, { intervalSeconds: 900 });
  const queries25 = queries;
  queries = 0;
  await listHealth(access, db, first, { intervalSeconds: 900, pageSize: 100 });
  const queries100 = queries;
  queries = 0;
  const filtered = await time(() => loadHealthPage(access, db, { page: 3, status: "failing", method: "mi_fic" }, 900));
  const lastPage = await time(() => loadHealthPage(access, db, { page: Math.ceil(DASHBOARD / 25) }, 900));
  await client.$disconnect();

  console.log(`\nDashboard — ${DASHBOARD} connectors, ${DASHBOARD * HISTORY} runs, ${DASHBOARD * HISTORY * 3} checks (seeded in ${(seedMs / 1000).toFixed(1)} s), SQLite`);
  console.log(`first page data loader: cold ${cold.toFixed(1)} ms, warm median ${warm[3]!.toFixed(1)} ms (min ${warm[0]!.toFixed(1)}, max ${warm.at(-1)!.toFixed(1)})`);
  console.log(`filtered page 3 (failing, MI + FIC): ${filtered.toFixed(1)} ms; last page: ${lastPage.toFixed(1)} ms`);
  console.log(`SQL queries for the connector list: ${queries25} for 25 rows, ${queries100} for 100 rows (no per-row queries)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
