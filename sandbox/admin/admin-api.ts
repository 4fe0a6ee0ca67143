// /_sandbox/*: the control surface tests and the demo use. It has no authentication because the
// sandbox listens on loopback only and holds nothing but test data; the server also refuses
// these paths from non-loopback peers.
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract";
import { json } from "../core/http";
import { faultSchema } from "../core/faults";
import type { SandboxState } from "../core/state";
import { parseWorld } from "../world/load-world";
import { grantAdoAccess, grantAdoAccessSchema } from "./grant-ado-access";

const lifetime = z.number().int().positive().optional();
/** A partial update: only the lifetimes named change (no schema defaults sneak in). */
const tokenLifetimesPatch = z.object({ accessTokenSeconds: lifetime, refreshTokenSeconds: lifetime, managedIdentitySeconds: lifetime, authorizationCodeSeconds: lifetime }).strict();

export type AdminExtras = { env: () => Record<string, string> };

function readJson(req: SandboxRequest): { ok: true; value: unknown } | { ok: false; response: SandboxResponse } {
  try {
    return { ok: true, value: JSON.parse(req.body.toString("utf8") || "null") };
  } catch (err) {
    return { ok: false, response: json(400, { error: "invalid_json", message: (err as Error).message }) };
  }
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): SandboxResponse {
  return json(422, { error: "invalid_world", issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
}

export async function handleAdmin(req: SandboxRequest, state: SandboxState, extras: AdminExtras): Promise<SandboxResponse | null> {
  const path = req.url.pathname.replace(/\/+$/, "");
  const method = req.method.toUpperCase();
  if (!path.startsWith("/_sandbox")) return null;

  if (path === "/_sandbox/health" && method === "GET") return json(200, { status: "ok", origin: state.origin, miOrigin: state.miOrigin, world: state.world().name });
  if (path === "/_sandbox/env" && method === "GET") return json(200, extras.env());
  if (path === "/_sandbox/world" && method === "GET") return json(200, state.fullWorld());
  if (path === "/_sandbox/propagation" && method === "GET") return json(200, { pending: Object.fromEntries(state.propagation.active()) });
  if (path === "/_sandbox/world" && method === "PUT") {
    const body = readJson(req);
    if (!body.ok) return body.response;
    const parsed = parseWorld(body.value);
    if (!parsed.ok) return invalid(parsed.issues);
    state.loadWorld(parsed.world);
    return json(200, { loaded: parsed.world.name });
  }
  if (path === "/_sandbox/ado/grant" && method === "POST") {
    const body = readJson(req);
    if (!body.ok) return body.response;
    const parsed = grantAdoAccessSchema.safeParse(body.value);
    if (!parsed.success) return invalid(parsed.error.issues);
    return grantAdoAccess(state, parsed.data);
  }
  if (path === "/_sandbox/reset" && method === "POST") {
    state.reset();
    return json(200, { loaded: state.world().name });
  }
  if (path === "/_sandbox/token-lifetimes" && method === "PUT") {
    const body = readJson(req);
    if (!body.ok) return body.response;
    const parsed = tokenLifetimesPatch.safeParse(body.value);
    if (!parsed.success) return invalid(parsed.error.issues);
    state.mutate((world) => {
      for (const [key, value] of Object.entries(parsed.data)) {
        if (value !== undefined) world.tokenLifetimes[key as keyof typeof world.tokenLifetimes] = value;
      }
    });
    return json(200, state.world().tokenLifetimes);
  }
  if (path === "/_sandbox/requests") {
    if (method === "GET") return json(200, { requests: state.requests.list() });
    if (method === "DELETE") {
      state.requests.clear();
      return { status: 204 };
    }
  }
  if (path === "/_sandbox/token-requests") {
    if (method === "GET") return json(200, { tokenRequests: state.tokenRequests.list() });
    if (method === "DELETE") {
      state.tokenRequests.clear();
      return { status: 204 };
    }
  }
  if (path === "/_sandbox/faults") {
    if (method === "GET") return json(200, { faults: state.faults.list() });
    if (method === "DELETE") {
      state.faults.clear();
      return { status: 204 };
    }
    if (method === "POST") {
      const body = readJson(req);
      if (!body.ok) return body.response;
      const many = z.array(faultSchema).safeParse(body.value);
      const one = faultSchema.safeParse(body.value);
      if (!one.success && !many.success) return invalid(one.error.issues);
      const ids = (one.success ? [one.data] : many.data!).map((fault) => state.faults.add(fault));
      return json(201, { ids });
    }
  }
  return json(404, { error: "not_found", message: `No admin endpoint ${method} ${path}.` });
}
