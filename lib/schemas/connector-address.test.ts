import { describe, expect, it } from "vitest";
import { adoAddressBase, kustoAddress, kustoClusterName } from "./connector-address";

describe("connector addresses", () => {
  it("keeps the path of an ADO base URL, so the header says what the form said", () => {
    expect(adoAddressBase("https://dev.azure.com")).toBe("dev.azure.com");
    expect(adoAddressBase("https://localhost:8443/ado/")).toBe("localhost:8443/ado");
  });

  it("names a Kusto cluster by its own name, not the host it shares", () => {
    expect(kustoClusterName("https://help.westeurope.kusto.windows.net")).toBe("help");
    expect(kustoClusterName("https://trd-abc.kusto.fabric.microsoft.com")).toBe("trd-abc");
    expect(kustoClusterName("https://localhost:8443/kusto/litware")).toBe("litware");
    expect(kustoClusterName("https://kusto.internal.example")).toBe("kusto.internal.example");
    expect(kustoAddress("https://localhost:8443/kusto/litware/")).toBe("localhost:8443/kusto/litware");
  });
});
