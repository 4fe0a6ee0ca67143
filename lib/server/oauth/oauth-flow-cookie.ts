import "server-only";
// The pending OAuth sign-in lives in one HttpOnly cookie of the operator's browser, sealed with
// AES-256-GCM under a key derived from the current encryption key. It binds the `state` Entra
// echoes back to the connector, the operator and this browser (a callback URL replayed in another
// browser has no cookie: CSRF), and keeps the PKCE verifier out of the page. SameSite=Lax: the
// callback is a top-level GET navigation coming back from Entra ID. The cookie alone cannot be
// single-use (a copy replays); the OAuthFlow row that the callback deletes makes it so.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { KeyRing } from "@/lib/server/crypto/key-ring";
import { keyRing } from "@/lib/server/crypto/load-key-ring";
import { readCookie, serializeCookie } from "@/lib/server/auth/session-cookie";

export const OAUTH_FLOW_COOKIE = "tb_oauth_flow";
/** Entra's codes live 10 minutes; a sign-in left open longer starts again. */
export const OAUTH_FLOW_SECONDS = 600;

const flowSchema = z
  .object({
    v: z.literal(1),
    state: z.string().min(32),
    connectorId: z.string().min(1),
    operatorId: z.string().min(1),
    verifier: z.string().min(43),
    redirectUri: z.string().url(),
    expiresAt: z.number(),
  })
  .strict();
export type OauthFlow = z.infer<typeof flowSchema>;

const INFO = Buffer.from("tenantbridge:oauth-flow-cookie:v1");

function cookieKey(ring: KeyRing, keyId: string): Buffer | undefined {
  const entry = ring.get(keyId);
  return entry ? Buffer.from(hkdfSync("sha256", entry.key, Buffer.alloc(0), INFO, 32)) : undefined;
}

export function sealFlow(flow: OauthFlow, ring: KeyRing = keyRing()): string {
  const key = cookieKey(ring, ring.current.id)!;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(INFO);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(flow), "utf8"), cipher.final()]);
  return `${ring.current.id}.${Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString("base64url")}`;
}

/** The flow, or null when the cookie is missing, altered, sealed with an unknown key or expired. */
export function unsealFlow(sealed: string | undefined, ring: KeyRing = keyRing(), now = Date.now()): OauthFlow | null {
  if (!sealed) return null;
  const [keyId = "", payload = ""] = sealed.split(".", 2);
  const key = cookieKey(ring, keyId);
  const bytes = Buffer.from(payload, "base64url");
  if (!key || bytes.length < 12 + 16 + 1) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAAD(INFO);
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
    const flow = flowSchema.safeParse(JSON.parse(plaintext));
    return flow.success && flow.data.expiresAt > now ? flow.data : null;
  } catch {
    return null;
  }
}

export function sameState(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function flowCookieHeader(sealed: string, secure: boolean): string {
  return serializeCookie(OAUTH_FLOW_COOKIE, sealed, { maxAgeSeconds: OAUTH_FLOW_SECONDS, secure });
}

export function clearFlowCookieHeader(secure: boolean): string {
  return serializeCookie(OAUTH_FLOW_COOKIE, "", { maxAgeSeconds: 0, secure });
}

export function readFlowCookie(request: Request): string | undefined {
  return readCookie(request.headers.get("cookie"), OAUTH_FLOW_COOKIE);
}
