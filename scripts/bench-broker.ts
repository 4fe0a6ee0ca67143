// `npm run bench:broker`: the credential broker's cost over the sandbox cloud's own latency.
//   cached: getAccessToken served from the broker's in-process cache (the connector snapshot,
//           re-read at most every 500 ms, so no database, no network, no shared token table).
//   cold:   an empty broker cache and a fresh managed identity token (the sandbox issues MI tokens
//           for 2 minutes, inside MSAL's 5-minute renewal window, so MSAL asks again every time):
//           MI token + exchange in the target tenant + one Azure DevOps call (connectionData).
// Every sandbox request gets --latency ms added (fault API); the table subtracts
// round trips × latency to show what TenantBridge and the libraries add.
// Options: --latency 20 --calls 5000 --cold 20
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startSandbox } from "../sandbox/server";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../sandbox/world/default/ids";
import { portalEnvForSandbox } from "./sandbox-portal-env";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (value: number) => (value < 1 ? `${value.toFixed(3)} ms` : `${value.toFixed(1)} ms`);

type Row = { name: string; samples: number[] };
function table(rows: Row[]): string {
  const lines = rows.map(({ name, samples }) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return [name, String(sorted.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99))];
  });
  const header = ["measurement", "n", "p50", "p95", "p99"];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [format(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...lines.map(format)].join("\n");
}

async function main() {
  const latencyMs = option("latency", 20);
  const calls = option("calls", 5000);
  const coldRuns = option("cold", 20);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tb-bench-"));
  const sandbox = await startSandbox({ httpsPort: 0, miPort: 0, quiet: true });
  try {
    Object.assign(process.env, portalEnvForSandbox(sandbox), {
      TB_DATA_DIR: dir,
      TB_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString("base64")}`,
      TB_LOG_LEVEL: "error",
    });
    // Imported after the environment is set: settings() and MSAL read it once, at first use.
    const { createDb, setDbForTests } = await import("../lib/server/db/client");
    const { migrateDatabase } = await import("../lib/server/db/migrate");
    const { getAccessToken } = await import("../lib/server/broker/get-access-token");
    const { brokerCache } = await import("../lib/server/broker/broker-cache");
    const { getConnectionData } = await import("../lib/server/ado/get-connection-data");

    const database = { provider: "sqlite", file: path.join(dir, "bench.db") } as const;
    await migrateDatabase(database);
    const db = createDb(database);
    setDbForTests(db);
    const organization = await db.organization.create({ data: { name: "litware" } });
    await db.connector.create({
      data: {
        kind: "ado",
        displayName: "litware",
        authMethod: "mi_fic",
        organizationId: organization.id,
        agentTenantId: TENANT.contoso,
        miClientId: AGENT_IDENTITY.clientId,
        miPrincipalId: AGENT_IDENTITY.principalId,
        appClientId: CONNECTOR_APP.appId,
        targetTenantId: TENANT.litware,
        createdBy: "bench",
      },
    });

    const adminApi = (method: string, route: string, body?: unknown) =>
      fetch(`${sandbox.origin}/_sandbox${route}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    await adminApi("PUT", "/token-lifetimes", { managedIdentitySeconds: 120 });
    const LARGE = 1_000_000;
    const counter = (await (await adminApi("POST", "/faults", { path: "/", latencyMs: 0, times: LARGE })).json()) as { ids: number[] };
    const requestsSoFar = async () => {
      const { faults } = (await (await adminApi("GET", "/faults")).json()) as { faults: { id: number; remaining: number }[] };
      return LARGE - faults.find((fault) => fault.id === counter.ids[0])!.remaining;
    };

    const coldChain = async () => {
      const acquire: number[] = [];
      const call: number[] = [];
      const total: number[] = [];
      const before = await requestsSoFar();
      for (let i = 0; i < coldRuns; i++) {
        // Cold for the whole cluster: neither this process nor the shared table holds the token.
        brokerCache().clear();
        await db.sharedAccessToken.deleteMany();
        const started = performance.now();
        const token = await getAccessToken({ organization: "litware" });
        const acquired = performance.now();
        const caller = await getConnectionData({ organization: "litware", authorization: token.authorization });
        const finished = performance.now();
        if (!caller.ok) throw new Error(`ADO refused the benchmark's token: ${caller.error.code} ${caller.error.raw}`);
        acquire.push(acquired - started);
        call.push(finished - acquired);
        total.push(finished - started);
      }
      return { acquire, call, total, roundTrips: ((await requestsSoFar()) - before) / coldRuns };
    };

    // Warm-up: JIT, TLS session, discovery documents.
    await coldChain();
    const baseline = await coldChain();
    await adminApi("POST", "/faults", { path: "/", latencyMs });
    const slow = await coldChain();

    await getAccessToken({ organization: "litware" });
    const cached: number[] = [];
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      await getAccessToken({ organization: "litware" });
      cached.push(performance.now() - started);
    }

    const p50 = (samples: number[]) =>
      percentile(
        [...samples].sort((a, b) => a - b),
        50,
      );
    const sandboxShare = slow.roundTrips * latencyMs;
    console.log(`\nCredential broker benchmark — ADO via MI + FIC, sandbox on loopback, SQLite, Node ${process.version}\n`);
    console.log(
      table([
        { name: "cached getAccessToken", samples: cached },
        { name: "cold: MI token + exchange (0 ms added)", samples: baseline.acquire },
        { name: "cold: ADO connectionData (0 ms added)", samples: baseline.call },
        { name: "cold chain total (0 ms added)", samples: baseline.total },
        { name: `cold: MI token + exchange (+${latencyMs} ms/request)`, samples: slow.acquire },
        { name: `cold: ADO connectionData (+${latencyMs} ms/request)`, samples: slow.call },
        { name: `cold chain total (+${latencyMs} ms/request)`, samples: slow.total },
      ]),
    );
    console.log(
      `\nRound trips per cold chain: ${slow.roundTrips.toFixed(1)} → ${sandboxShare.toFixed(0)} ms of added sandbox latency.` +
        `\nCold chain p50 over the sandbox's own latency: ${ms(p50(slow.total) - sandboxShare)} (p50 ${ms(p50(slow.total))} − ${sandboxShare.toFixed(0)} ms).` +
        `\nCached p50 is ${(p50(slow.total) / p50(cached)).toFixed(0)}× faster than a cold chain at +${latencyMs} ms.\n`,
    );
    await db.$disconnect();
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
