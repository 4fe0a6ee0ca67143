// Redirect URI matching. Entra compares the requested URI with the registered ones exactly,
// except that for http loopback URIs it ignores the port ("the Microsoft identity platform
// ignores the port component of localhost redirect URIs").
// https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions
import type { Application } from "../world/identity";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function withoutLoopbackPort(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) {
    return `http://${url.hostname}${url.pathname}${url.search}`;
  }
  return uri;
}

export function redirectUriMatches(registered: string, requested: string): boolean {
  return registered === requested || withoutLoopbackPort(registered) === withoutLoopbackPort(requested);
}

/** The platform the redirect URI is registered under, or null when it is not registered. */
export function redirectPlatform(app: Application, redirectUri: string): "spa" | "web" | null {
  if (app.spa.redirectUris.some((r) => redirectUriMatches(r, redirectUri))) return "spa";
  if (app.web.redirectUris.some((r) => redirectUriMatches(r, redirectUri))) return "web";
  return null;
}
