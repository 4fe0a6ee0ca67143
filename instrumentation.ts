// Runs once when the Next.js server starts: bring the database to the committed schema and
// check that every stored secret can be decrypted, or refuse to start with what to fix.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installAccessLog } = await import("@/lib/server/observability/access-log");
  installAccessLog();
  const { prepareServer } = await import("@/lib/server/startup/prepare-server");
  try {
    await prepareServer();
  } catch (error) {
    console.error(`\nTenantBridge cannot start.\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
