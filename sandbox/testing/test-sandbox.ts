// Shared setup for the sandbox's own integration tests: a sandbox on free ports and small
// clients for its admin API. Tests talk to it over real HTTPS, trusting the CA through
// NODE_EXTRA_CA_CERTS, which `npm run test:integration` sets before Node starts.
import path from "node:path";
import { DEFAULT_DATA_DIR, startSandbox, type RunningSandbox } from "../server";
import type { World } from "../world/schema";

export async function startTestSandbox(options: { world?: World } = {}): Promise<RunningSandbox> {
  const trusted = process.env.NODE_EXTRA_CA_CERTS;
  if (!trusted || path.resolve(trusted) !== path.join(DEFAULT_DATA_DIR, "ca.pem")) {
    throw new Error("Run the sandbox tests with `npm run test:integration`: NODE_EXTRA_CA_CERTS must point at .data/sandbox/ca.pem before Node starts.");
  }
  return startSandbox({ httpsPort: 0, miPort: 0, quiet: true, ...options });
}

export async function admin(sandbox: RunningSandbox, method: string, adminPath: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.origin}/_sandbox${adminPath}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A deep copy of the loaded world to edit and load back. */
export function cloneWorld(sandbox: RunningSandbox): World {
  return structuredClone(sandbox.world());
}

export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
}
