// Small helpers shared by every endpoint: building responses and writing them to Node's response.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxRequest, SandboxResponse } from "../contract";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
    body,
  };
}

export function redirect(location: string): SandboxResponse {
  return { status: 302, headers: { location, "cache-control": "no-store" } };
}

export function notFound(): SandboxResponse {
  return json(404, { error: { code: "NotFound", message: "The sandbox has no endpoint at this path." } });
}

export async function readBody(req: IncomingMessage, limitBytes = 5 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function writeResponse(res: ServerResponse, response: SandboxResponse): void {
  const headers = { ...(response.headers ?? {}) };
  let payload: Buffer | undefined;
  if (typeof response.body === "string") payload = Buffer.from(response.body, "utf8");
  else if (Buffer.isBuffer(response.body)) payload = response.body;
  else if (response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body), "utf8");
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["content-type"] = "application/json; charset=utf-8";
    }
  }
  if (payload) headers["content-length"] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** A form-urlencoded body (token endpoint, picker forms) as a plain record; repeated keys keep the first value. */
export function formBody(req: SandboxRequest): Record<string, string> {
  const params = new URLSearchParams(req.body.toString("utf8"));
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

export function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in out)) out[key] = value;
  return out;
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Browsers call discovery, keys and token cross-origin (msal-browser uses fetch), so these answer
 * with the caller's Origin echoed, as Entra does, and preflights are answered.
 */
export function withCors(req: SandboxRequest, response: SandboxResponse): SandboxResponse {
  const origin = header(req, "origin");
  if (!origin) return response;
  return {
    ...response,
    headers: {
      ...(response.headers ?? {}),
      "access-control-allow-origin": origin,
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "client-request-id, x-ms-request-id",
      vary: "Origin",
    },
  };
}

export function preflight(req: SandboxRequest): SandboxResponse {
  return withCors(req, {
    status: 204,
    headers: {
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": header(req, "access-control-request-headers") ?? "content-type",
      "access-control-max-age": "86400",
    },
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
