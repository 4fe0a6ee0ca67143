// Runs once when the Next.js server starts: start tracing when a collector is configured, bring
// the database to the committed schema and check that every stored secret can be decrypted, or
// refuse to start with what to fix.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installAccessLog } = await import("@/lib/server/observability/access-log");
  installAccessLog();
  try {
    const { settings } = await import("@/lib/server/settings");
    const tracing = settings().tracing;
    if (tracing) {
      // Imported only here, so without OTEL_EXPORTER_OTLP_ENDPOINT the SDK never loads.
      const { startTracing } = await import("@/lib/server/observability/tracing");
      startTracing(tracing);
    }
    const { prepareServer } = await import("@/lib/server/startup/prepare-server");
    await prepareServer();
  } catch (error) {
    console.error(`\nTenantBridge cannot start.\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
