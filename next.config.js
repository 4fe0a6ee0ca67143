// @ts-check
// Next.js configuration and the portal's browser security policy.
// CommonJS because package.json has no "type": "module"; the config is exported as a function of
// the build phase so the CSP can allow 'unsafe-eval' in `next dev` only (React needs it there to
// rebuild server stacks; production never evals). The helpers are attached to that function so
// proxy.ts (which adds the per-request nonce) builds the very same policy.
const { PHASE_DEVELOPMENT_SERVER } = require("next/constants");

const defaultAuthorityHost = "https://login.microsoftonline.com";

/**
 * Origin of the Entra ID authority that msal-browser talks to from the page (token endpoint,
 * hidden-iframe renewal). It is configuration, not a constant: the sandbox cloud and sovereign
 * clouds (login.microsoftonline.us, login.partner.microsoftonline.cn) have other hosts.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
function authorityOrigin(env = process.env) {
  const configured = env.AZURE_AUTHORITY_HOST?.trim() || defaultAuthorityHost;
  try {
    const url = new URL(configured);
    // lib/server/settings.ts rejects non-https hosts at start; here we only refuse to widen the CSP.
    return url.protocol === "https:" ? url.origin : defaultAuthorityHost;
  } catch {
    return defaultAuthorityHost;
  }
}

/**
 * The Content-Security-Policy of every page.
 * Scripts run only with the per-request nonce ('strict-dynamic' lets Next.js' own chunks load);
 * inline styles stay allowed because React style attributes cannot carry a nonce.
 * @param {{ nonce?: string; dev?: boolean; env?: NodeJS.ProcessEnv }} [options]
 * @returns {string}
 */
function contentSecurityPolicy({ nonce, dev = process.env.NODE_ENV === "development", env = process.env } = {}) {
  const authority = authorityOrigin(env);
  const scriptSrc = ["'self'", ...(nonce ? [`'nonce-${nonce}'`, "'strict-dynamic'"] : []), ...(dev ? ["'unsafe-eval'"] : [])];
  const directives = [
    "default-src 'self'",
    `script-src ${scriptSrc.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // msal-browser redeems codes and refreshes tokens against the authority from the page.
    `connect-src 'self' ${authority}`,
    // msal-browser's silent renewal loads the authority in a hidden iframe.
    `frame-src ${authority}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Chromium checks form-action on redirects too: a sign-in form may lead to the authority.
    `form-action 'self' ${authority}`,
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** Route of the MSAL popup redirect bridge: it must keep window.opener, so it gets no COOP. */
const popupRedirectBridge = "/auth/redirect";

/**
 * Headers that do not vary per request. The CSP itself is set by proxy.ts (it needs a nonce).
 * @param {{ production: boolean }} options
 */
function securityHeaders({ production }) {
  return [
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "no-referrer" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()",
    },
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
    // Browsers ignore HSTS over plain http, but a dev server on localhost should not even try.
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/**
 * @param {string} phase
 * @returns {import("next").NextConfig}
 */
function nextConfig(phase) {
  const production = phase !== PHASE_DEVELOPMENT_SERVER;
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // The e2e run builds into its own folder so it never races a developer's build or dev server.
    distDir: process.env.TB_NEXT_DIST_DIR || ".next",
    // A self-contained server (<distDir>/standalone/server.js) with only the modules it imports:
    // what the Docker image ships and what `npm start` and the e2e tests run.
    // scripts/build-standalone.sh copies in what tracing cannot see (static files, migrations).
    output: "standalone",
    outputFileTracingIncludes: {
      // Prisma's query compiler is a .wasm file the generated client loads by path; the
      // migrations are read from disk at start (lib/server/db/migrate.ts).
      "/**": ["./lib/generated/**/*.wasm", "./lib/generated/**/*.node", "./prisma/migrations/**", "./prisma/postgresql/migrations/**"],
    },
    // Prisma's runtime joins process.cwd() with computed paths, which makes the tracer include the
    // whole project; keep the tests, the sandbox and local data out of the image.
    outputFileTracingExcludes: {
      "/**": ["./e2e/**", "./sandbox/**", "./docs/**", "./deploy/**", "./.data/**", "./data/**", "./test-results/**"],
    },
    // Keep the dev badge clear of the navigation's footer, bottom left.
    devIndicators: { position: "bottom-right" },
    // Native modules and SDKs that must be required at run time, not bundled.
    serverExternalPackages: [
      "better-sqlite3",
      "pg",
      "@prisma/client",
      "@prisma/adapter-better-sqlite3",
      "@prisma/adapter-pg",
      "@prisma/driver-adapter-utils",
      "@azure/msal-node",
      "@azure/identity",
      // One outbound connection pool per process (lib/server/outbound/outbound-fetch.ts).
      "undici",
      // One prom-client per process: the scheduler (instrumentation bundle) and /metrics share its registry.
      "prom-client",
      // One OpenTelemetry API per process, the copy Next.js requires for its own spans; the SDK is
      // loaded from node_modules only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
      "@opentelemetry/api",
      "@opentelemetry/context-async-hooks",
      "@opentelemetry/core",
      "@opentelemetry/exporter-trace-otlp-http",
      "@opentelemetry/resources",
      "@opentelemetry/sdk-trace",
      "@opentelemetry/semantic-conventions",
    ],
    // Prometheus' conventional path; the handler lives with the other routes under app/api.
    async rewrites() {
      return [{ source: "/metrics", destination: "/api/metrics" }];
    },
    async headers() {
      return [
        { source: "/:path*", headers: securityHeaders({ production }) },
        {
          // Every route except the popup bridge (and anything below it) isolates its browsing context.
          // Connector pages and the OAuth connector callback are handled below.
          source: "/:path((?!auth/redirect(?:/|$)|api/oauth/callback(?:/|$)|connectors(?:/|$)|knowledge-sources(?:/|$)|sign-in(?:/|$)).*)",
          headers: [{ key: "Cross-Origin-Opener-Policy", value: "same-origin" }],
        },
        {
          // Connector pages open the OAuth sign-in popup and read its result from window.opener
          // messages: same-origin-allow-popups keeps that link through Entra's pages (same-origin
          // would sever it and report the popup as closed). The callback page sends no COOP.
          source: "/connectors/:path*",
          headers: [{ key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" }],
        },
        {
          // The operator's sign-in watches its MSAL popup's `closed` (lib/client/msal-popup-watch.ts),
          // which only stays truthful while the link to the popup survives Entra's pages.
          source: "/sign-in",
          headers: [{ key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" }],
        },
        {
          // The "Add repository" wizard embeds the same OAuth panel in its sign-in step (the list
          // page too, because a client-side navigation keeps the first document's policy).
          source: "/knowledge-sources/:path*",
          headers: [{ key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" }],
        },
      ];
    },
  };
}

module.exports = nextConfig;
module.exports.authorityOrigin = authorityOrigin;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.popupRedirectBridge = popupRedirectBridge;
