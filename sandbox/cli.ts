// `npm run sandbox` starts the sandbox cloud and prints the environment that points a client at
// it; `tsx sandbox/cli.ts certs` only makes sure the local CA and certificate exist and prints
// the CA path (the integration test script runs it before setting NODE_EXTRA_CA_CERTS).
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATA_DIR, REPO_ROOT, startSandbox } from "./server";
import { ensureCertificates } from "./tls/certificates";

const cliEnv = z.object({
  SANDBOX_HTTPS_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  SANDBOX_MI_PORT: z.coerce.number().int().min(0).max(65535).default(8444),
  SANDBOX_DATA_DIR: z.string().min(1).optional(),
  SANDBOX_QUIET: z.enum(["0", "1", "true", "false"]).optional(),
});

async function main(): Promise<void> {
  const settings = cliEnv.parse(process.env);
  const dataDir = settings.SANDBOX_DATA_DIR ? path.resolve(REPO_ROOT, settings.SANDBOX_DATA_DIR) : DEFAULT_DATA_DIR;
  if (process.argv[2] === "certs") {
    console.log(ensureCertificates(dataDir).caPath);
    return;
  }
  const sandbox = await startSandbox({
    httpsPort: settings.SANDBOX_HTTPS_PORT,
    miPort: settings.SANDBOX_MI_PORT,
    dataDir,
    quiet: settings.SANDBOX_QUIET === "1" || settings.SANDBOX_QUIET === "true",
  });
  console.log(`TenantBridge sandbox cloud (test data only) on ${sandbox.origin}, managed identity on ${sandbox.miOrigin}`);
  console.log("Point a client at it with:\n");
  for (const [name, value] of Object.entries(sandbox.env)) console.log(`export ${name}=${value}`);
  console.log(`\nAdmin API: ${sandbox.origin}/_sandbox/world (see sandbox/README.md). Ctrl+C stops.`);
  const shutdown = () => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
