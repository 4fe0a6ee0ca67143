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

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function serializeCookie(name: string, value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const attributes = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}
