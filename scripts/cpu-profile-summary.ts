// `npx tsx scripts/cpu-profile-summary.ts <file.cpuprofile> [--top 25]`: where a V8 CPU profile
// (bench:health --profile <dir>) spent its busy time. Prints self time per package (a
// node_modules package, node's own modules, the portal's code, garbage collection) and the
// functions with the most self time; idle time is left out of the percentages.
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const file = process.argv[2];
if (!file) throw new Error("usage: tsx scripts/cpu-profile-summary.ts <file.cpuprofile> [--top N]");
const topIndex = process.argv.indexOf("--top");
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
// Each sample's time is the delta to the next sample.
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, delta));
});

function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const portal = url.match(/\/(lib|scripts|app|sandbox)\/(.*)$/);
  if (portal) return `portal ${portal[1]}/${portal[2]!.split("/").slice(0, -1).join("/")}`;
  return url;
}

const packages = new Map<string, number>();
const functions = new Map<string, number>();
let busy = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)!;
  if (callFrame.functionName === "(idle)") {
    idle += us;
    continue;
  }
  busy += us;
  const pkg = packageOf(callFrame.url, callFrame.functionName);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  const where = callFrame.url ? `${callFrame.url.replace(/^.*node_modules\//, "").replace(/^.*\/(lib|scripts)\//, "$1/")}:${callFrame.lineNumber + 1}` : "";
  const key = `${callFrame.functionName || "(anonymous)"} ${where}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}

const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`busy ${ms(busy)}, idle ${ms(idle)}, samples ${profile.samples.length}`);
console.log("\nself time by package:");
for (const [name, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${name}`);
console.log("\nself time by function:");
for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${name}`);

// --callers <function name>: the call paths (three frames up) that lead to it, by self time.
const callersIndex = process.argv.indexOf("--callers");
if (callersIndex > 0) {
  const wanted = process.argv[callersIndex + 1]!;
  const parent = new Map<number, number>();
  for (const node of profile.nodes as (Node & { children?: number[] })[]) for (const child of node.children ?? []) parent.set(child, node.id);
  const paths = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName !== wanted) continue;
    const frames: string[] = [];
    for (let up = parent.get(id); up !== undefined && frames.length < 4; up = parent.get(up)) {
      const { functionName, url, lineNumber } = byId.get(up)!.callFrame;
      frames.push(`${functionName || "(anonymous)"}@${url.replace(/^.*\//, "")}:${lineNumber + 1}`);
    }
    const key = frames.join(" < ");
    paths.set(key, (paths.get(key) ?? 0) + us);
  }
  console.log(`\ncallers of ${wanted}:`);
  for (const [key, us] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)}  ${key}`);
}

// --by-caller: every busy sample charged to the nearest portal function above it (lib/ or app/,
// the generated Prisma client excluded), so a library's time shows up at the call that asked for it.
if (process.argv.includes("--by-caller")) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes as (Node & { children?: number[] })[]) for (const child of node.children ?? []) parent.set(child, node.id);
  const isPortal = (url: string) => /\/(lib|app)\//.test(url) && !url.includes("/lib/generated/") && !url.includes("node_modules");
  const charged = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
    let at: number | undefined = id;
    while (at !== undefined && !isPortal(byId.get(at)!.callFrame.url)) at = parent.get(at);
    const frame = at === undefined ? null : byId.get(at)!.callFrame;
    const key = frame ? `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*\/(lib|app)\//, "$1/")}:${frame.lineNumber + 1}` : "(no portal caller: event loop, GC, I/O callbacks)";
    charged.set(key, (charged.get(key) ?? 0) + us);
  }
  console.log("\nbusy time by nearest portal caller:");
  for (const [key, us] of [...charged].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${key}`);
}
