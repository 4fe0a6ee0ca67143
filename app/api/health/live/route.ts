// Liveness: the process is up and serving. It reads nothing, so a slow or unreachable database
// never gets a healthy replica restarted (readiness, next door, takes it out of rotation instead).
import { publicRoute } from "@/lib/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = publicRoute({}, async () => ({ status: "live" }));
