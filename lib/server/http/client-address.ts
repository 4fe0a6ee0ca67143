import "server-only";
// The address of the client behind TB_TRUST_PROXY reverse proxies, for logs and rate limits only.
// Each proxy appends the address of its peer to X-Forwarded-For, so with N trusted proxies the
// client is the Nth entry from the right; entries further left are whatever the client sent.
// With no trusted proxy the header is ignored: Next.js route handlers do not expose the socket's
// peer address, so the client is then unknown rather than taken from a header anyone can send.
import { settings } from "@/lib/server/settings";

export function clientAddress(request: Request, trustedHops = settings().trustProxyHops): string | undefined {
  if (trustedHops === 0) return undefined;
  const hops = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = hops[hops.length - trustedHops];
  // An address is short and has no spaces; anything else is not one and must not reach a log line.
  return address && /^[0-9A-Fa-f:.[\]]{2,45}$/.test(address) ? address : undefined;
}
