// Gives every page a fresh CSP nonce. Next.js reads the nonce from the request's CSP header and
// puts it on its own inline scripts, so script-src needs neither 'unsafe-inline' nor hashes.
// https://nextjs.org/docs/app/guides/content-security-policy#nonces
import { NextResponse, type NextRequest } from "next/server";
import nextConfig from "./next.config.js";

export function proxy(request: NextRequest) {
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
    {
      // Static chunks and images carry no markup; prefetches reuse the page's policy.
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|logo.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
