// The heap's growth as the portal sets it at start, in real Node processes: the same allocation
// (about 40 MiB kept, and objects that live long enough to reach the old generation before they
// die, as a sweep's runs and answers do) with V8's own growth and with the portal's default. Both
// processes get a heap limit above V8's default, so V8's own growth is the one it uses on a host
// with plenty of memory, whatever the memory of the machine that runs this test.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadSettings } from "@/lib/server/settings";

const run = promisify(execFile);
const WORKLOAD = path.resolve(import.meta.dirname, "testing/heap-workload.ts");

async function peakHeapMiB(growthPercent: number): Promise<number> {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "--max-old-space-size=8192", WORKLOAD], {
    env: { ...process.env, GROWTH: String(growthPercent) },
    timeout: 60_000,
  });
  return (JSON.parse(stdout.trim().split("\n").at(-1)!) as { peakHeapMiB: number }).peakHeapMiB;
}

describe("the heap's growth", () => {
  it("at the portal's default, the heap peaks well below where V8's own growth takes it", async () => {
    const growth = loadSettings({ NODE_ENV: "development" } as NodeJS.ProcessEnv).heapGrowthPercent;
    const own = await peakHeapMiB(0);
    const portal = await peakHeapMiB(growth);
    console.log(`peak heap: ${own.toFixed(0)} MiB with V8's own growth, ${portal.toFixed(0)} MiB at ${growth}%`);
    expect(portal).toBeLessThan(own * 0.75);
  }, 120_000);
});
