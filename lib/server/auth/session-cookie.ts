import "server-only";
// The session cookie carries only a random token. HttpOnly keeps it from scripts, SameSite=Lax
// from cross-site form posts, and __Host- (over https) pins it to this origin and path.

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-tb_session" : "tb_session";
}

export const SIGN_IN_NONCE_COOKIE = "tb_signin_nonce";

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      // A malformed value (`tb_session=%`) is no session, not a server error.
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

export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto");
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}
