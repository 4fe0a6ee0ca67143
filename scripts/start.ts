// `npm start`: with no Azure settings in the environment, the demo — the sandbox cloud plus
// the portal on the embedded SQLite database in ./data. With TB_PORTAL_CLIENT_ID set, the portal
// alone against the configured (real) Azure endpoints.
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import { buildPortalIfStale, startPortal } from "./portal-process";
import { portalEnvForSandbox } from "./sandbox-portal-env";

const root = path.resolve(__dirname, "..");

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const demo = !process.env.TB_PORTAL_CLIENT_ID;
  let env: Record<string, string> = {};
  let stopSandbox: (() => Promise<void>) | undefined;
  if (demo) {
    const sandbox = await startSandbox({
      httpsPort: Number(process.env.SANDBOX_HTTPS_PORT ?? 8443),
      miPort: Number(process.env.SANDBOX_MI_PORT ?? 8444),
      dataDir: path.join(root, ".data/sandbox"),
      quiet: true,
    });
    stopSandbox = sandbox.stop;
    env = portalEnvForSandbox(sandbox);
    console.log(`Sandbox cloud running at ${sandbox.origin} (managed identity endpoint ${sandbox.miOrigin}).`);
  }
  buildPortalIfStale();
  const portal = await startPortal({ port, env });
  console.log(`\nTenantBridge is running: ${portal.url}${demo ? "  (demo: sandbox cloud, SQLite in ./data)" : ""}\nPress Ctrl+C to stop.\n`);
  const shutdown = async () => {
    await portal.stop();
    await stopSandbox?.();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  portal.child.once("exit", async (code) => {
    await stopSandbox?.();
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
