// Builds and starts the portal as a child process. Used by `npm start` (the demo) and by the
// end-to-end tests, so both run the same standalone server the Docker image ships, the same way
// (scripts/build-standalone.sh builds it; `node <distDir>/standalone/server.js` runs it).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const buildScript = path.join(root, "scripts/build-standalone.sh");
const sourceRoots = ["app", "components", "lib", "public", "prisma", "next.config.js", "package-lock.json", "instrumentation.ts", "proxy.ts", "middleware.ts", "scripts/build-standalone.sh"];

function distDir(): string {
  return path.join(root, process.env.TB_NEXT_DIST_DIR ?? ".next");
}

/** The standalone server's entry point (Next.js writes it below the dist folder). */
export function standaloneServer(): string {
  return path.join(distDir(), "standalone/server.js");
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Runs scripts/build-standalone.sh unless the last build is newer than every source file. */
export function buildPortalIfStale(log: (line: string) => void = console.log): void {
  const server = standaloneServer();
  const built = existsSync(server) ? statSync(server).mtimeMs : 0;
  const newestSource = Math.max(...sourceRoots.map((entry) => newestMtime(path.join(root, entry))));
  if (built > newestSource) return;
  log("Building the portal (scripts/build-standalone.sh)…");
  const result = spawnSync("bash", [buildScript], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("The standalone build failed; see the output above.");
}

/**
 * The standalone server changes its working folder to its own; paths the caller meant relative to
 * the repository (the data folder, an SQLite file) are made absolute first.
 */
function anchorPaths(env: Record<string, string | undefined>): Record<string, string> {
  const anchored: Record<string, string> = { TB_DATA_DIR: path.resolve(root, env.TB_DATA_DIR ?? "data") };
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl?.startsWith("file:")) anchored.DATABASE_URL = `file:${path.resolve(root, databaseUrl.slice("file:".length))}`;
  return anchored;
}

/** `url` is the portal's public URL (TB_PUBLIC_URL): what a browser opens. */
export type PortalProcess = {
  url: string;
  child: ChildProcess;
  /** What the server has written so far (with `quiet`; empty otherwise). */
  output(): string;
  stop(): Promise<void>;
};

export async function startPortal(options: { port: number; env: Record<string, string>; quiet?: boolean }): Promise<PortalProcess> {
  const url = `http://localhost:${options.port}`;
  // TB_PUBLIC_URL is the portal's only idea of its origin (writes, redirect URIs, cookie flags),
  // so it must name the port actually chosen, which for the tests is a random one.
  const publicUrl = options.env.TB_PUBLIC_URL ?? process.env.TB_PUBLIC_URL ?? url;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...options.env };
  const child = spawn(process.execPath, [standaloneServer()], {
    cwd: root,
    // HOSTNAME "::" listens on IPv6 and IPv4, like `next start`, so http://localhost works either way.
    env: { ...env, ...anchorPaths(env), PORT: String(options.port), HOSTNAME: "::", TB_PUBLIC_URL: publicUrl },
    stdio: ["ignore", options.quiet ? "pipe" : "inherit", options.quiet ? "pipe" : "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited during start (code ${child.exitCode}).\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (Date.now() >= deadline) {
    child.kill("SIGKILL");
    throw new Error(`The portal did not answer ${url}/api/health within 60 s.\n${output}`);
  }
  return {
    url: publicUrl.replace(/\/+$/, ""),
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
