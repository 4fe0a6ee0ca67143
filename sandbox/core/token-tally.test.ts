import { describe, expect, it } from "vitest";
import { TokenTally } from "./token-tally";

describe("TokenTally", () => {
  it("counts requests per endpoint, grant, tenant, client and scope, and forgets them on clear", () => {
    const tally = new TokenTally();
    const app = { endpoint: "entra", grantType: "client_credentials", tenant: "litware", clientId: "app", scope: "ado/.default" } as const;
    tally.add(app);
    tally.add(app);
    tally.add({ ...app, scope: "kusto/.default" });
    tally.add({ ...app, endpoint: "mi" });
    expect(tally.list()).toEqual([
      { ...app, count: 2 },
      { ...app, scope: "kusto/.default", count: 1 },
      { ...app, endpoint: "mi", count: 1 },
    ]);
    tally.list()[0]!.count = 99;
    expect(tally.list()[0]!.count).toBe(2);
    tally.clear();
    expect(tally.list()).toEqual([]);
  });
});
