import { describe, expect, it } from "vitest";
import { loadSettings } from "./settings";

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
    expect(() =>
      loadSettings({ NODE_ENV: "test", TB_PORTAL_CLIENT_SECRET: "a-sandbox-secret", TB_PORTAL_CLIENT_ASSERTION: "managed-identity", TB_PORTAL_MI_CLIENT_ID: MI_CLIENT_ID }),
    ).toThrow(/either it or TB_PORTAL_CLIENT_ASSERTION/);
  });

  it("reads TB_METRICS_TOKEN and refuses a short one", () => {
    expect(loadSettings({ NODE_ENV: "test" }).metricsToken).toBeUndefined();
    expect(loadSettings({ NODE_ENV: "test", TB_METRICS_TOKEN: "a-long-enough-scrape-token" }).metricsToken).toBe("a-long-enough-scrape-token");
    expect(() => loadSettings({ NODE_ENV: "test", TB_METRICS_TOKEN: "short" })).toThrow(/TB_METRICS_TOKEN: must be at least 16/);
  });
});
