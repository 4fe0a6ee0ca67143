// `npx tsx --conditions=react-server scripts/bench-outbound.ts` (NODE_EXTRA_CA_CERTS set, as
// bench:health does): the outbound layer's CPU per call against the process's fetch with the two
// abort signals it used before, over HTTPS to the sandbox (no added latency), --calls 3000 each at
// --concurrency 16, alternated --rounds 3 times. The sandbox runs in this process, so each figure
// includes its share; the difference between the two is the client's alone.
import { performance } from "node:perf_hooks";
import { startSandbox } from "../sandbox/server";
import { TENANT } from "../sandbox/world/default/ids";
import { portalEnvForSandbox } from "./sandbox-portal-env";

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const CALLS = option("calls", 3000);
const CONCURRENCY = option("concurrency", 16);
const ROUNDS = option("rounds", 3);

async function main() {
  const sandbox = await startSandbox({ httpsPort: 0, miPort: 0, quiet: true });
  Object.assign(process.env, portalEnvForSandbox(sandbox));
  const { outboundFetch } = await import("../lib/server/outbound/outbound-fetch");
  const url = `${sandbox.origin}/${TENANT.litware}/v2.0/.well-known/openid-configuration`;
  const caller = AbortSignal.timeout(600_000);
  const variants: Record<string, () => Promise<unknown>> = {
    "outboundFetch (undici request)": async () => (await outboundFetch(url, { service: "entra", signal: caller })).json(),
    "fetch + AbortSignal.any (before)": async () => (await fetch(url, { redirect: "manual", signal: AbortSignal.any([AbortSignal.timeout(10_000), caller]) })).json(),
  };
  const run = async (call: () => Promise<unknown>) => {
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < CALLS) await call();
      }),
    );
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000 / CALLS, wallMs: performance.now() - started };
  };
  for (const call of Object.values(variants)) await run(call); // warm-up
  const results = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(variants)) results.get(name)!.push((await run(call)).cpuMs);
  }
  console.log(
    `${CALLS} calls × ${ROUNDS} rounds at concurrency ${CONCURRENCY}, HTTPS to the in-process sandbox (its CPU included); load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)}`,
  );
  for (const [name, samples] of results)
    console.log(
      `  ${name.padEnd(34)} CPU per call: ${samples.map((value) => value.toFixed(3)).join(", ")} ms (median ${[...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!.toFixed(3)})`,
    );
  await sandbox.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
