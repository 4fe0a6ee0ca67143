// Container HEALTHCHECK (Dockerfile, compose.yaml): exits 0 when the portal process answers its
// liveness route. Node's own fetch, because the slim runtime image has no curl or wget.
//   node scripts/healthcheck.mjs [base URL]   (default http://127.0.0.1:$PORT)
export const LIVENESS_PATH = "/api/health/live";

const base = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
try {
  const response = await fetch(new URL(LIVENESS_PATH, base), { signal: AbortSignal.timeout(4000) });
  if (!response.ok) {
    console.error(`${LIVENESS_PATH} answered ${response.status}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`${LIVENESS_PATH} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
