import { describe, expect, it } from "vitest";
import { loadSettings } from "./settings";

const load = (env: Record<string, string>) => loadSettings({ NODE_ENV: "development", ...env } as NodeJS.ProcessEnv);

describe("TB_PUBLIC_URL", () => {
  it("defaults to http://localhost:$PORT (3000 by default), with plain cookies", () => {
    expect(load({})).toMatchObject({ publicOrigin: "http://localhost:3000", secureCookies: false, trustProxyHops: 0 });
    expect(load({ PORT: "4100" }).publicOrigin).toBe("http://localhost:4100");
  });

  it("is the only source of the origin and of the cookie flags", () => {
    expect(load({ TB_PUBLIC_URL: "https://portal.example/" })).toMatchObject({ publicOrigin: "https://portal.example", secureCookies: true });
    expect(load({ TB_PUBLIC_URL: "https://portal.example:8443", NODE_ENV: "production" }).publicOrigin).toBe("https://portal.example:8443");
  });

  it("refuses a URL that is not http(s), or that carries a path, query or credentials", () => {
    expect(() => load({ TB_PUBLIC_URL: "ftp://portal.example" })).toThrow(/TB_PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => load({ TB_PUBLIC_URL: "https://portal.example/tenantbridge" })).toThrow(/TB_PUBLIC_URL: must be an origin only/);
    expect(() => load({ TB_PUBLIC_URL: "https://portal.example/?a=1" })).toThrow(/TB_PUBLIC_URL: must be an origin only/);
    expect(() => load({ TB_PUBLIC_URL: "https://admin:pw@portal.example" })).toThrow(/must not contain credentials/);
    expect(() => load({ TB_PUBLIC_URL: "portal.example" })).toThrow(/TB_PUBLIC_URL/);
  });

  it("refuses http on a non-loopback host in production, and allows it on loopback", () => {
    expect(() => load({ NODE_ENV: "production", TB_PUBLIC_URL: "http://portal.example" })).toThrow(/TB_PUBLIC_URL: must be https:\/\/ in production/);
    expect(load({ NODE_ENV: "production", TB_PUBLIC_URL: "http://127.0.0.1:3000" }).publicOrigin).toBe("http://127.0.0.1:3000");
    expect(load({ NODE_ENV: "production" }).publicOrigin).toBe("http://localhost:3000");
    expect(load({ NODE_ENV: "development", TB_PUBLIC_URL: "http://portal.internal:3000" }).publicOrigin).toBe("http://portal.internal:3000");
  });
});

describe("TB_TRUST_PROXY", () => {
  it("is a number of proxy hops from 0 to 10", () => {
    expect(load({ TB_TRUST_PROXY: "2" }).trustProxyHops).toBe(2);
    expect(() => load({ TB_TRUST_PROXY: "true" })).toThrow(/TB_TRUST_PROXY/);
    expect(() => load({ TB_TRUST_PROXY: "11" })).toThrow(/TB_TRUST_PROXY: must be a number of proxy hops/);
  });
});

const MI_CLIENT_ID = "5b1e0000-0000-4000-8000-000000000001";

describe("settings: the portal app's own credential", () => {
  it("uses the managed identity assertion when asked, with no secret", () => {
    const config = loadSettings({ NODE_ENV: "test", TB_PORTAL_CLIENT_ASSERTION: "managed-identity", TB_PORTAL_MI_CLIENT_ID: MI_CLIENT_ID });
    expect(config.portal).toMatchObject({ clientSecret: undefined, assertionMiClientId: MI_CLIENT_ID });
  });

  it("refuses the assertion without the identity's client id", () => {
    expect(() => loadSettings({ NODE_ENV: "test", TB_PORTAL_CLIENT_ASSERTION: "managed-identity" })).toThrow(/TB_PORTAL_MI_CLIENT_ID: required/);
  });

  it("refuses a secret and the assertion together, so which one is used is never a guess", () => {
    expect(() => loadSettings({ NODE_ENV: "test", TB_PORTAL_CLIENT_SECRET: "a-sandbox-secret", TB_PORTAL_CLIENT_ASSERTION: "managed-identity", TB_PORTAL_MI_CLIENT_ID: MI_CLIENT_ID })).toThrow(
      /either it or TB_PORTAL_CLIENT_ASSERTION/,
    );
  });

  it("reads TB_METRICS_TOKEN and refuses a short one", () => {
    expect(loadSettings({ NODE_ENV: "test" }).metricsToken).toBeUndefined();
    expect(loadSettings({ NODE_ENV: "test", TB_METRICS_TOKEN: "a-long-enough-scrape-token" }).metricsToken).toBe("a-long-enough-scrape-token");
    expect(() => loadSettings({ NODE_ENV: "test", TB_METRICS_TOKEN: "short" })).toThrow(/TB_METRICS_TOKEN: must be at least 16/);
  });
});

describe("OpenTelemetry variables", () => {
  it("turns tracing on with OTEL_EXPORTER_OTLP_ENDPOINT only, as tenantbridge unless OTEL_SERVICE_NAME says otherwise", () => {
    expect(load({}).tracing).toBeUndefined();
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: "" }).tracing).toBeUndefined();
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector:4318" }).tracing).toEqual({ serviceName: "tenantbridge", scheduleDelayMs: 5000 });
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://otel.example", OTEL_SERVICE_NAME: "portal-eu", OTEL_BSP_SCHEDULE_DELAY: "200" }).tracing).toEqual({
      serviceName: "portal-eu",
      scheduleDelayMs: 200,
    });
  });

  it("refuses an endpoint that is not an http(s) URL and a protocol the exporter does not speak", () => {
    expect(() => load({ OTEL_EXPORTER_OTLP_ENDPOINT: "otel-collector:4317" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be/);
    expect(() => load({ OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://otel-collector:4317" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => load({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/json/);
    expect(() => load({ OTEL_BSP_SCHEDULE_DELAY: "soon" })).toThrow(/OTEL_BSP_SCHEDULE_DELAY/);
  });
});

describe("TB_HEAP_GROWTH_PERCENT", () => {
  it("is 100 (the heap grows to twice what a full collection kept), 0 leaves V8's own, and at most 300", () => {
    expect(load({}).heapGrowthPercent).toBe(100);
    expect(load({ TB_HEAP_GROWTH_PERCENT: "0" }).heapGrowthPercent).toBe(0);
    expect(load({ TB_HEAP_GROWTH_PERCENT: "50" }).heapGrowthPercent).toBe(50);
    expect(() => load({ TB_HEAP_GROWTH_PERCENT: "301" })).toThrow(/TB_HEAP_GROWTH_PERCENT/);
    expect(() => load({ TB_HEAP_GROWTH_PERCENT: "half" })).toThrow(/TB_HEAP_GROWTH_PERCENT/);
  });
});
