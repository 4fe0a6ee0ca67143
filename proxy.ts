// Refuses pages to visitors who may not see them, then gives every page a fresh CSP nonce.
// Next.js reads the nonce from the request's CSP header and puts it on its own inline scripts, so
// script-src needs neither 'unsafe-inline' nor hashes.
// https://nextjs.org/docs/app/guides/content-security-policy#nonces
import { NextResponse, type NextRequest } from "next/server";
import { refusePageRequest } from "@/lib/server/auth/page-access";
import { heldSignInNonce, newSignInNonce, SIGN_IN_NONCE_HEADER, signInNonceCookie } from "@/lib/server/auth/session-cookie";
import nextConfig from "./next.config.js";

/**
 * Next.js decodes each path segment for the router and answers its own plain 500 when
 * decodeURIComponent throws ("/api/connectors/%", "/%E0%A4%A"). Such a URL is the client's
 * mistake: answer 400 before routing, JSON under /api like every other API error.
 */
function malformedPath(request: NextRequest): Response | undefined {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return undefined;
  } catch {
    const message = "The URL path has a malformed percent escape.";
    if (request.nextUrl.pathname.startsWith("/api/")) {
      return Response.json(
        { error: { code: "validation_failed", message: `${message} path: must be valid percent-encoded UTF-8`, fields: [{ field: "path", message: "must be valid percent-encoded UTF-8" }] } },
        { status: 400, headers: { "Cache-Control": "no-store" } },
      );
    }
    return new Response(`${message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
}

export async function proxy(request: NextRequest) {
  const malformed = malformedPath(request);
  if (malformed) return malformed;
  // Before anything renders, so a refusal is a bare redirect; each page checks again itself.
  const refused = await refusePageRequest(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = nextConfig.contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // The sign-in page renders its browser's popup nonce, so it needs no request (and no answer
  // schema) before the button works. The one this browser holds is kept, so a second tab or a
  // prefetch does not invalidate the page already open.
  requestHeaders.delete(SIGN_IN_NONCE_HEADER);
  const signInNonce = request.nextUrl.pathname === "/sign-in" ? (heldSignInNonce(request.headers.get("cookie")) ?? newSignInNonce()) : undefined;
  if (signInNonce) requestHeaders.set(SIGN_IN_NONCE_HEADER, signInNonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (signInNonce) response.headers.append("Set-Cookie", signInNonceCookie(signInNonce));
  return response;
}

export const config = {
  matcher: [
    // Static chunks and images carry no markup (Next.js answers 404 for a malformed path there).
    // Router prefetches come through too, for the path check and the gate, and get a nonce of
    // their own as every client navigation's RSC answer does (Next.js hides its router headers
    // from the proxy, so a prefetch could not be told apart here anyway).
    "/((?!_next/static|_next/image|favicon.ico|icon.svg|logo.svg).*)",
  ],
};
