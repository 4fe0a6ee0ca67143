import "server-only";
// One structured line per request (method, path, status, duration, request id) and the request
// id itself. Next.js's standalone server gives no hook that sees both the incoming request and
// its final status, so this wraps the Node HTTP server's "request" event once at start
// (instrumentation.ts): the id is chosen before Next.js sees the request, put back on the request
// headers (route handlers read x-request-id), returned as a response header, and the handler runs
// inside the AsyncLocalStorage context that outbound calls read.
import http from "node:http";
import { log } from "@/lib/server/log";
import { recordHttpRequest } from "./metrics";
import { acceptRequestId, runWithRequestId } from "./request-context";

const holder = globalThis as unknown as { tenantBridgeAccessLogInstalled?: boolean };

/** The path only: query strings carry OAuth codes and state, so none is ever logged. */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}

export function installAccessLog(): void {
  if (holder.tenantBridgeAccessLogInstalled) return;
  holder.tenantBridgeAccessLogInstalled = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return Reflect.apply(emit, this, [event, ...args]) as boolean;
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const header = req.headers["x-request-id"];
    const requestId = acceptRequestId(Array.isArray(header) ? header[0] : header);
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.once("finish", () => {
      recordHttpRequest(req.method ?? "GET", res.statusCode);
      log.info("request", {
        requestId,
        method: req.method,
        path: loggedPath(req.url),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    return runWithRequestId(requestId, () => Reflect.apply(emit, this, [event, ...args]) as boolean);
  } as typeof emit;
}
