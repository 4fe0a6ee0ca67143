// Refuses pages to visitors who may not see them, then gives every page a fresh CSP nonce.
// Next.js reads the nonce from the request's CSP header and puts it on its own inline scripts, so
// script-src needs neither 'unsafe-inline' nor hashes.
// https://nextjs.org/docs/app/guides/content-security-policy#nonces
import { NextResponse, type NextRequest } from "next/server";
import { refusePageRequest } from "@/lib/server/auth/page-access";
import nextConfig from "./next.config.js";

export async function proxy(request: NextRequest) {
  // Before anything renders, so a refusal is a bare redirect; each page checks again itself.
  const refused = await refusePageRequest(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = nextConfig.contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Static chunks and images carry no markup. Router prefetches come through too, for the gate,
    // and get a nonce of their own as every client navigation's RSC answer does (Next.js hides its
    // router headers from the proxy, so a prefetch could not be told apart here anyway).
    "/((?!_next/static|_next/image|favicon.ico|icon.svg|logo.svg).*)",
  ],
};
