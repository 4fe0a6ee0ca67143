import { describe, expect, it } from "vitest";
import { cachedAccessTokenExpiry } from "./get-oauth-access-token";

const cache = (entries: { home: string; target: string; expiresOn: number }[]) =>
  JSON.stringify({
    AccessToken: Object.fromEntries(entries.map((entry, index) => [`k${index}`, { home_account_id: entry.home, target: entry.target, expires_on: String(entry.expiresOn), secret: "x" }])),
  });

describe("cachedAccessTokenExpiry", () => {
  it("reads the account's Azure DevOps token expiry and ignores other resources and accounts", () => {
    const serialized = cache([
      { home: "a.t", target: "499b84ac-1321-427f-aa17-267ca6975798/user_impersonation openid profile", expiresOn: 2000 },
      { home: "a.t", target: "https://graph.microsoft.com/User.Read", expiresOn: 9000 },
      { home: "b.t", target: "499b84ac-1321-427f-aa17-267ca6975798/user_impersonation", expiresOn: 8000 },
    ]);
    expect(cachedAccessTokenExpiry(serialized, "a.t")).toEqual(new Date(2_000_000));
    expect(cachedAccessTokenExpiry(serialized, "c.t")).toBeNull();
  });
});
