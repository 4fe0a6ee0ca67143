import "server-only";
// One POST to the alert webhook, connecting only to an address that passed the address policy.
// The check happens inside the socket's own `lookup`, so the address checked is the address
// connected to: a host whose DNS answers a public address to a first query and 127.0.0.1 to the
// next (DNS rebinding) gets no second query to win. TLS still uses the URL's host name for SNI and
// for the certificate check, since only the lookup is replaced.
//
// This uses node:http(s) rather than fetch because Node's built-in fetch takes no lookup hook
// without the undici package's Agent, and one request per alert needs nothing else fetch offers.
// Redirects are never followed (node:http does not follow them).
import { promises as dns, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { addressProblem, PUBLIC_ONLY, type AddressPolicy } from "./webhook-address";
import { bareHost, type WebhookTarget } from "./webhook-target";

/** Every address a host name resolves to; tests pass their own to play a rebinding DNS server. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** The webhook's host is, or resolves to, an address the policy refuses. */
export class RefusedAddressError extends Error {
  override name = "RefusedAddressError";
}

export function guardedLookup(policy: AddressPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        // One refused address refuses the host: a name that mixes public and private answers is
        // either misconfigured or trying its luck.
        for (const { address } of found) {
          const problem = addressProblem(address, policy);
          if (problem) throw new RefusedAddressError(`${hostname} resolves to ${problem}; ${PUBLIC_ONLY}`);
        }
        const usable = options.family === 4 || options.family === 6 ? found.filter((entry) => entry.family === options.family) : found;
        if (usable.length === 0) throw Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" });
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}

export type PostOptions = { headers: Record<string, string>; body: string; timeoutMs: number; resolve?: ResolveHost };

/** The HTTP status the receiver answered; throws when there was no answer. */
export function postWebhook(target: WebhookTarget, options: PostOptions): Promise<number> {
  const host = bareHost(target.url);
  // Node connects to an IP literal without calling lookup, so literals are checked here.
  if (isIP(host) !== 0) {
    const problem = addressProblem(host, target.policy);
    if (problem) return Promise.reject(new RefusedAddressError(`its address is ${problem}; ${PUBLIC_ONLY}`));
  }
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target.url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) },
        lookup: guardedLookup(target.policy, options.resolve ?? systemResolve),
        // A fresh connection per alert: no pooled socket outlives the address check that opened it.
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
