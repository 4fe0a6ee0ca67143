import "server-only";
// The session cookie carries only a random token. HttpOnly keeps it from scripts, SameSite=Lax
// from cross-site form posts, and __Host- (over https) pins it to this origin and path.
// Whether the portal is served over https is TB_PUBLIC_URL's scheme: a request header such as
// X-Forwarded-Proto is client input unless a proxy rewrote it, so it never decides.
import { settings } from "@/lib/server/settings";

export function secureCookies(): boolean {
  return settings().secureCookies;
}

export function sessionCookieName(secure = secureCookies()): string {
  return secure ? "__Host-tb_session" : "tb_session";
}

export const SIGN_IN_NONCE_COOKIE = "tb_signin_nonce";
/** The proxy hands the sign-in page its browser's nonce in this request header (never the client's own). */
export const SIGN_IN_NONCE_HEADER = "x-tb-sign-in-nonce";
const SIGN_IN_NONCE_SECONDS = 600;
const nonceShape = /^[A-Za-z0-9_-]{32}$/;

/** A fresh nonce for the next MSAL popup: 24 random bytes, base64url. */
export function newSignInNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");
}

/** The nonce this browser already holds, when its cookie has the shape this server gives it. */
export function heldSignInNonce(cookieHeader: string | null): string | undefined {
  const held = readCookie(cookieHeader, SIGN_IN_NONCE_COOKIE);
  return held && nonceShape.test(held) ? held : undefined;
}

/** Remembers the nonce in an HttpOnly cookie of this browser, for ten minutes from now. */
export function signInNonceCookie(nonce: string, secure = secureCookies()): string {
  return serializeCookie(SIGN_IN_NONCE_COOKIE, nonce, { maxAgeSeconds: SIGN_IN_NONCE_SECONDS, secure });
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    // A malformed escape ("%", "%E0%A4%A") is a cookie this server never set: treat it as absent
    // (signed out) instead of letting decodeURIComponent's URIError become a 500.
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function serializeCookie(name: string, value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const attributes = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}
