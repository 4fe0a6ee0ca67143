import "server-only";
// Which pages need which permission, for proxy.ts's gate. The gate answers before Next.js starts
// rendering, so a refusal is a bare redirect: a redirect thrown while rendering still sends the
// framework's document (HTML) or a 200 flight (RSC requests). Each page checks again on its first
// line (requireOperator), which is what protects the data; this makes the refusal small.
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { can, type Permission } from "./permissions";
import { sessionCookieName } from "./session-cookie";
import { findSessionOperator } from "./sessions";

/** Where an operator lands on a page their role may not open; it explains, and holds no data. */
export const FORBIDDEN_PATH = "/forbidden";

/** Pages anyone may open: the sign-in page and the MSAL popup's redirect bridge. */
export const publicPagePaths = ["/sign-in", "/auth/redirect"] as const;

// Most specific first. A path that is not listed (a new page, a 404) still needs a session.
const pagePermissions: [prefix: string, permissions: Permission[]][] = [
  ["/connectors/new", ["connectors.write"]],
  ["/knowledge-sources/new", ["sources.write", "connectors.write"]],
  ["/connectors", ["connectors.read"]],
  ["/knowledge-sources", ["sources.read"]],
  ["/health", ["health.read"]],
  ["/tenants", ["connectors.read"]],
  ["/audit", ["audit.read"]],
  ["/settings/agent-access", ["access.manage"]],
  ["/settings", ["settings.read"]],
];

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The permissions the gate asks for on a page; empty means any signed-in operator. */
export function pagePermissionsOf(pathname: string): readonly Permission[] {
  return pagePermissions.find(([prefix]) => under(pathname, prefix))?.[1] ?? [];
}

/** Route handlers answer for themselves (apiRoute), and files (an extension) are not pages. */
function isGuardedPage(pathname: string): boolean {
  // /metrics is rewritten to a route handler (next.config.js) that checks its own bearer token;
  // a scraper has no session, and a redirect to /sign-in would answer it 200 with a page.
  if (under(pathname, "/api") || under(pathname, "/_next") || under(pathname, "/metrics")) return false;
  if (publicPagePaths.some((path) => under(pathname, path))) return false;
  return !/\.[a-z0-9]+$/i.test(pathname.split("/").at(-1) ?? "");
}

/** A redirect when the request may not see the page, null when it may go on to the page's own guard. */
export async function refusePageRequest(request: NextRequest): Promise<Response | null> {
  const { pathname } = request.nextUrl;
  if (!isGuardedPage(pathname)) return null;
  // Only the name that matches TB_PUBLIC_URL's scheme, as the pages themselves read it.
  const token = request.cookies.get(sessionCookieName())?.value;
  const operator = await findSessionOperator(db(), token);
  const needed = pagePermissionsOf(pathname);
  const target = !operator ? "/sign-in" : needed.every((permission) => can(operator, permission)) ? null : FORBIDDEN_PATH;
  if (!target || pathname === target) return null;
  // Against TB_PUBLIC_URL, not the URL the server saw: behind a proxy that is an internal address.
  const response = NextResponse.redirect(new URL(target, settings().publicOrigin), 307);
  // The answer depends on the cookie.
  response.headers.set("Cache-Control", "no-store");
  return response;
}
