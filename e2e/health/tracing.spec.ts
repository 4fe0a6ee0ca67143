// With OTEL_EXPORTER_OTLP_ENDPOINT set, the standalone server sends traces over OTLP/HTTP: the
// server span Next.js opens for the route, a client span for each call to the sandbox cloud, the
// request id on both, and no token or session cookie anywhere. Without it, the OpenTelemetry SDK
// never loads and nothing is sent. Each case starts a portal of its own (SQLite serves one process,
// so with its own data folder) on the e2e sandbox, next to a small OTLP receiver on loopback.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { expect, signInThroughPopup, test } from "../fixtures";
import { resetSandbox } from "../oauth/sandbox-admin";
import { freePort } from "../../lib/testing/postgres-cluster";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { startPortal } from "../../scripts/portal-process";
import { portalEnvForSandbox } from "../../scripts/sandbox-portal-env";

type OtlpAttribute = { key: string; value: { stringValue?: string; intValue?: string | number; boolValue?: boolean } };
type OtlpSpan = { name: string; kind: number; traceId: string; attributes: OtlpAttribute[] };
type ExportRequest = { resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] };

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

/** An OTLP/HTTP collector that keeps what is POSTed to /v1/traces. */
async function startReceiver() {
  const bodies: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      if (request.method === "POST" && request.url === "/v1/traces") {
        bodies.push((request.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8"));
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const attribute = (attributes: OtlpAttribute[], key: string) => {
  const value = attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.boolValue;
};

// A resolve hook reports each OpenTelemetry module the server imports, which is how the second
// case proves the SDK stayed out of the process (and the first that the check sees it).
const moduleWatch = pathToFileURL(path.resolve("e2e/health/module-watch/register.mjs")).href;

function portalEnv(dataDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    ...portalEnvForSandbox({ origin: process.env.TB_E2E_SANDBOX_ORIGIN!, env: JSON.parse(process.env.TB_E2E_SANDBOX_ENV!) as Record<string, string> }),
    TB_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "traced.db")}`,
    TB_SCHEDULER_ENABLED: "0",
    NODE_OPTIONS: `--import=${moduleWatch}`,
    ...extra,
  };
}

const SDK_MODULES = /module-watch: \S*\/@opentelemetry\/(sdk-trace|exporter-trace-otlp-http|context-async-hooks)/;

test.describe("OpenTelemetry traces", () => {
  test.describe.configure({ timeout: 120_000 });

  test("with OTEL_EXPORTER_OTLP_ENDPOINT a chain test sends the route's server span and the upstream calls, without secrets", async ({ playwright, browser }) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-e2e-traced-"));
    const receiver = await startReceiver();
    const portal = await startPortal({ port: await freePort(), quiet: true, env: portalEnv(dataDir, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "200" }) });
    const adminState = await signInThroughPopup(browser, "admin", portal.url);
    const api = await playwright.request.newContext({ baseURL: portal.url, storageState: adminState });
    try {
      expect(portal.output()).toMatch(SDK_MODULES);
      await resetSandbox();
      const created = await api.post("/api/connectors", {
        data: {
          kind: "ado",
          displayName: "Traced Litware",
          organization: "litware",
          authMethod: "mi_fic",
          agentTenantId: TENANT.contoso,
          miClientId: AGENT_IDENTITY.clientId,
          miPrincipalId: AGENT_IDENTITY.principalId,
          appClientId: CONNECTOR_APP.appId,
          targetTenantId: TENANT.litware,
        },
      });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const requestId = "e2e-traced-chain-test-0001";
      const run = await api.post(`/api/connectors/${id}/test`, { headers: { "x-request-id": requestId } });
      expect(run.status()).toBe(200);
      await api.delete(`/api/connectors/${id}`);

      const spans = () =>
        receiver.bodies.flatMap((body) =>
          (JSON.parse(body) as ExportRequest).resourceSpans.flatMap((resourceSpans) =>
            resourceSpans.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ ...span, resource: resourceSpans.resource }))),
          ),
        );
      const ofRequest = () => spans().filter((span) => attribute(span.attributes, "tenantbridge.request_id") === requestId);
      // The route's server span ends after the response, so it may come in a later export.
      const routeSpan = () => ofRequest().find((span) => span.kind === SPAN_KIND_SERVER && span.name === "POST /api/connectors/[id]/test");
      await expect.poll(() => routeSpan() !== undefined, { message: "Next.js's server span for the route" }).toBe(true);
      const server = routeSpan();
      expect(attribute(server!.attributes, "http.target")).toBe(`/api/connectors/${id}/test`);
      expect(attribute(server!.resource.attributes, "service.name")).toBe("tenantbridge");
      // proxy.ts and the route run in two passes that Next.js links through the propagator.
      expect(new Set(ofRequest().map((span) => span.traceId))).toEqual(new Set([server!.traceId]));

      const sandboxHost = new URL(process.env.TB_E2E_SANDBOX_ORIGIN!).hostname;
      const upstream = ofRequest().filter((span) => span.kind === SPAN_KIND_CLIENT && attribute(span.attributes, "tenantbridge.upstream.service") !== undefined);
      const services = new Set(upstream.map((span) => attribute(span.attributes, "tenantbridge.upstream.service")));
      expect(services).toContain("ado");
      expect(services).toContain("entra");
      for (const span of upstream) {
        expect(span.traceId).toBe(server!.traceId);
        expect(attribute(span.attributes, "server.address")).toBe(sandboxHost);
        expect(attribute(span.attributes, "http.response.status_code")).toBeDefined();
      }

      // Nothing that authenticates leaves the process: not a bearer token or JWT, not the
      // operator's session cookie, not a query string.
      const session = adminState.cookies.find((cookie) => cookie.name.endsWith("tb_session"))!.value;
      const exported = receiver.bodies.join("\n");
      expect(session.length).toBeGreaterThan(16);
      expect(exported).not.toContain(session);
      expect(exported).not.toMatch(/bearer/i);
      expect(exported).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\./);
      const withQuery = /(https?:\/\/|^\/)[^\s?]*\?/;
      for (const span of spans()) {
        expect(span.name).not.toMatch(withQuery);
        for (const entry of span.attributes) expect(entry.value.stringValue ?? "").not.toMatch(withQuery);
      }
    } finally {
      await api.dispose();
      await portal.stop();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("without OTEL_EXPORTER_OTLP_ENDPOINT the SDK is not loaded and nothing is sent", async ({ playwright, browser }) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-e2e-untraced-"));
    const receiver = await startReceiver();
    // The exporter would honour this one had it loaded; the portal's switch is the general endpoint.
    const portal = await startPortal({
      port: await freePort(),
      quiet: true,
      env: portalEnv(dataDir, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`, OTEL_BSP_SCHEDULE_DELAY: "200" }),
    });
    const adminState = await signInThroughPopup(browser, "admin", portal.url);
    const api = await playwright.request.newContext({ baseURL: portal.url, storageState: adminState });
    try {
      expect((await api.get("/api/connectors")).status()).toBe(200);
      expect((await api.get("/api/health/ready")).status()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(receiver.bodies).toEqual([]);
      expect(portal.output()).toContain("module-watch: active");
      expect(portal.output()).not.toMatch(SDK_MODULES);
    } finally {
      await api.dispose();
      await portal.stop();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
