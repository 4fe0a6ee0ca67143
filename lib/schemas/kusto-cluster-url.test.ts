import { describe, expect, it } from "vitest";
import { clusterUrlInputProblem, isAllowedKustoUrl, isAzureKustoHostname } from "./kusto-cluster-url";
import { createKustoConnectorSchema } from "./connector";

const sandboxOrigin = "https://localhost:61234/kusto";

describe("the Kusto cluster URL rule", () => {
  it("accepts Azure clusters on 443 and refuses them with any port, at input and at the allow-list alike", () => {
    for (const href of ["https://x.kusto.windows.net:8643", "https://x.westeurope.kusto.windows.net:1", "https://x.z1.kusto.fabric.microsoft.com:444"]) {
      expect(isAllowedKustoUrl(new URL(href), [])).toBe(false);
      expect(clusterUrlInputProblem(href)).toMatch(/must not include a port/);
    }
    for (const href of ["https://x.kusto.windows.net", "https://x.westeurope.kusto.windows.net:443", "https://help.kusto.windows.net/"]) {
      expect(isAllowedKustoUrl(new URL(href), [])).toBe(true);
      expect(clusterUrlInputProblem(href)).toBeNull();
    }
  });

  it("lets a configured extra origin keep its port (the sandbox's Kusto on a random port)", () => {
    const url = new URL(`${sandboxOrigin}/litware/v2/rest/query`);
    expect(isAllowedKustoUrl(url, [sandboxOrigin])).toBe(true);
    expect(isAllowedKustoUrl(url, [])).toBe(false);
    expect(clusterUrlInputProblem(`${sandboxOrigin}/litware`)).toBeNull();
    expect(isAllowedKustoUrl(new URL("https://localhost:61234/kustox/litware"), [sandboxOrigin])).toBe(false);
  });

  it("refuses look-alike hosts and bare suffixes", () => {
    expect(isAzureKustoHostname("x.kusto.windows.net.evil.example")).toBe(false);
    expect(isAzureKustoHostname("kusto.windows.net")).toBe(false);
    expect(isAzureKustoHostname("a_b.kusto.windows.net")).toBe(false);
  });

  it("names clusterUrl in the request schema's issue", () => {
    const parsed = createKustoConnectorSchema.safeParse({ kind: "kusto", clusterUrl: "https://x.kusto.windows.net:8643", database: "db", authMethod: "mi_fic" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["clusterUrl", expect.stringMatching(/must not include a port/)]]);
  });
});
