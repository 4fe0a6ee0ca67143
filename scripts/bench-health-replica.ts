// One sweeping portal process for `npm run bench:health`: its own process, Prisma client, token
// cache and scheduler, as a real replica has, sweeping the database the benchmark seeded (SQLite,
// or PostgreSQL shared by every replica with --replicas N). bench-health.ts starts it with the
// portal's environment, waits for it to say it is ready (modules loaded, database connected), then
// sends "go". So the sweep's CPU time and peak RSS are this process's alone, apart from the
// benchmark's seeding (the generated world, the rows it inserted).
import { readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

export type ReplicaReady = { kind: "ready" };
export type ReplicaResult = {
  kind: "result";
  checked: number;
  failed: number;
  errors: number;
  wallMs: number;
  cpuMs: number;
  /** Of cpuMs, the main thread's (JavaScript, SQLite, TLS); the rest is V8's and libuv's threads. Null off Linux. */
  mainThreadCpuMs: number | null;
  maxRssBytes: number;
  /** TB_HEAP_GROWTH_PERCENT as the portal applies it at start (0: V8's own growth). */
  heapGrowthPercent: number;
  /** The highest RSS during the sweep itself: Linux's high-water mark, reset as the sweep starts (elsewhere sampled). */
  sweepRssBytes: number;
  rssBeforeBytes: number;
  /** process.memoryUsage() at the highest RSS sampled (every 250 ms), and the heap still live after the sweep (a full GC). */
  atPeak: NodeJS.MemoryUsage;
  liveHeapAfterBytes: number | null;
  /**
   * How late the event loop ran a turn during the sweep (a 5 ms sampler): what an answer that
   * arrived waited at most. Only with TB_BENCH_LOOP_DELAY=1 (--loop-delay): the sampler's timer
   * wakes the process 200 times a second, which costs it CPU the checks would be charged with.
   */
  loopDelayMs: { p50: number; p99: number; max: number } | null;
  brokerCache: unknown;
  profile: string | null;
  /** The connectors this replica checked, for the parent to verify against the runs table. */
  connectorIds: string[];
  /** SQL statements this replica sent during the sweep (BEGIN and COMMIT included). */
  queries: number;
  /** The most frequent statements, by shape (with TB_BENCH_QUERY_SHAPES=1). */
  queryShapes: [string, number][];
  /** Connections (each a TLS handshake) the process's fetch opened during the sweep, by host. */
  connections: Record<string, number>;
};

async function main() {
  const concurrency = Number(process.env.TB_BENCH_CONCURRENCY);
  if (!process.send || !(concurrency >= 1)) throw new Error("bench-health-replica runs as a child of bench-health.ts");
  const send = (message: ReplicaReady | ReplicaResult) => new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));

  // The process-wide client, configured from DATABASE_URL as a deployed replica's is, counting the
  // SQL statements it sends.
  const { createDb, setDbForTests } = await import("../lib/server/db/client");
  const { settings } = await import("../lib/server/settings");
  const { createScheduler } = await import("../lib/server/scheduler/scheduler");
  const { brokerCache } = await import("../lib/server/broker/broker-cache");
  let queries = 0;
  const shapes = process.env.TB_BENCH_QUERY_SHAPES === "1" ? new Map<string, number>() : null;
  const db = createDb(settings().database, {
    onQuery: (query) => {
      queries++;
      if (!shapes) return;
      const shape = query
        .replace(/\s+/g, " ")
        .replace(/\?(, ?\?)*/g, "?")
        .slice(0, 140);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    },
  });
  setDbForTests(db);
  // fetch (undici) reports each new connection: a TLS handshake per host, not per call, when kept alive.
  const connections: Record<string, number> = {};
  const { subscribe } = await import("node:diagnostics_channel");
  subscribe("undici:client:connected", (message) => {
    const { connectParams } = message as { connectParams: { host: string } };
    connections[connectParams.host] = (connections[connectParams.host] ?? 0) + 1;
  });
  // The heap's growth as the portal sets it at start (TB_HEAP_GROWTH_PERCENT; 0 leaves V8's own).
  (await import("../lib/server/startup/heap-growth")).limitHeapGrowth(settings().heapGrowthPercent);
  // SQLite as the portal runs it (WAL, synchronous=NORMAL: set per connection as it starts).
  if (settings().database.provider === "sqlite") await (await import("../lib/server/db/sqlite-pragmas")).configureSqlite(db);
  // Open the pool before "go", so the first claim does not pay for the connection.
  await db.connector.count();

  const connectorIds: string[] = [];
  const scheduler = createScheduler(db, {
    intervalSeconds: 900,
    concurrency,
    retentionDays: 30,
    dispatcher: null,
    // The product's own check; the replica only notes which connectors it was handed.
    onChecked: (connectorId) => connectorIds.push(connectorId),
  });

  // "go": one sweep, then exit; "go-again": one sweep, then wait for the next message. A second
  // sweep in the same process is the steady state of a scheduler that sweeps again and again
  // (modules compiled, tokens cached), every connector due again one interval later.
  let sweeps = 0;
  const sweep = async (message: unknown) => {
    const again = message === "go-again";
    if (again) process.once("message", sweep);
    sweeps++;
    const baseProfile = process.env.TB_BENCH_PROFILE || null;
    const profileFile = baseProfile && sweeps > 1 ? baseProfile.replace(/\.cpuprofile$/, `-sweep${sweeps}.cpuprofile`) : baseProfile;
    const profiler = profileFile ? await startProfiler() : null;
    const rssBeforeBytes = process.memoryUsage.rss();
    const highWater = peakRss();
    highWater.reset();
    let sweepRssBytes = rssBeforeBytes;
    let atPeak = process.memoryUsage();
    // Linux keeps the exact peak (highWater); the sampler only says what the heap held near it, so
    // it wakes the process four times a second, not more: each wake-up is CPU charged to the sweep.
    const rssSampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss <= sweepRssBytes) return;
      sweepRssBytes = rss;
      atPeak = process.memoryUsage();
    }, 250);
    queries = 0;
    shapes?.clear();
    for (const host of Object.keys(connections)) delete connections[host];
    const loopDelay = process.env.TB_BENCH_LOOP_DELAY === "1" ? monitorEventLoopDelay({ resolution: 5 }) : null;
    loopDelay?.enable();
    const cpuBefore = process.cpuUsage();
    const mainBefore = mainThreadCpuMs();
    const started = performance.now();
    const report = await scheduler.tick(new Date(Date.now() + 1000 + (sweeps - 1) * 2 * 900_000));
    const wallMs = performance.now() - started;
    loopDelay?.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const mainAfter = mainThreadCpuMs();
    const sweepQueries = queries;
    clearInterval(rssSampler);
    sweepRssBytes = Math.max(sweepRssBytes, highWater.read() ?? 0, process.memoryUsage.rss());
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const liveHeapAfterBytes = gc ? process.memoryUsage().heapUsed : null;
    if (profiler) await profiler.stop(profileFile!);
    await send({
      kind: "result",
      checked: report.checked,
      failed: report.failed,
      errors: report.errors,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainThreadCpuMs: mainBefore !== null && mainAfter !== null ? mainAfter - mainBefore : null,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapGrowthPercent: settings().heapGrowthPercent,
      sweepRssBytes,
      rssBeforeBytes,
      atPeak,
      liveHeapAfterBytes,
      loopDelayMs: loopDelay && { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      brokerCache: brokerCache().stats,
      profile: profileFile,
      connectorIds,
      queries: sweepQueries,
      connections,
      queryShapes: shapes ? [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 25) : [],
    });
    if (again) return;
    await db.$disconnect();
    process.disconnect();
  };
  process.once("message", sweep);
  await send({ kind: "ready" });
}

/**
 * The CPU time of this process's main thread so far, from /proc (Linux): process.cpuUsage also
 * counts V8's background threads (concurrent garbage collection, optimizing compilation) and
 * libuv's pool, which a profile of the main thread does not show. Clock ticks, so 10 ms steps.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // After the command name in parentheses: state is field 3, utime and stime fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
/** USER_HZ, which Linux fixes at 100 for /proc on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The process's peak RSS since the last reset, kept by Linux (VmHWM in /proc/self/status; writing
 * 5 to /proc/self/clear_refs resets it to the current RSS). Exact, and nothing to wake for. Null
 * elsewhere, where the sampler's peak stands alone.
 */
function peakRss(): { reset(): void; read(): number | null } {
  return {
    reset() {
      try {
        writeFileSync("/proc/self/clear_refs", "5");
      } catch {
        // Not Linux: read() answers null.
      }
    },
    read() {
      try {
        const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
        return kib === undefined ? null : Number(kib) * 1024;
      } catch {
        return null;
      }
    },
  };
}

/** The V8 profiler of this process, on for the sweep; stop() writes the profile. */
async function startProfiler(): Promise<{ stop: (file: string) => Promise<void> }> {
  const { Session } = await import("node:inspector/promises");
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const path = await import("node:path");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
