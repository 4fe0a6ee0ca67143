import { describe, expect, it } from "vitest";
import { renderPopupResult } from "./render-popup-result";

const request = new Request("http://localhost:3000/api/oauth/callback?code=x", {
  headers: { "content-security-policy": "script-src 'self' 'nonce-abc123==' 'strict-dynamic'" },
});

describe("the popup's result page", () => {
  it("posts to the portal's origin only, under the request's CSP nonce, with values that cannot break out of the script", async () => {
    const response = renderPopupResult(request, {
      message: {
        type: "tenantbridge.oauth-result",
        flowId: "f".repeat(43),
        outcome: "connected",
        account: "</script><img src=x onerror=alert(1)>",
        tenantId: "t",
        tenantName: null,
        organization: "litware",
      },
      targetOrigin: "http://localhost:3000",
      deliver: true,
    });
    const html = await response.text();
    expect(html).toContain(`<script nonce="abc123==">`);
    expect(html).toContain(`window.opener.postMessage(message, target);`);
    expect(html).toContain(`var target = "http://localhost:3000";`);
    expect(html).not.toContain("</script><img");
    expect(html).not.toContain('postMessage(message, "*")');
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("has no script at all when the result belongs to no sign-in of this browser", async () => {
    const response = renderPopupResult(request, {
      message: { type: "tenantbridge.oauth-result", flowId: "", outcome: "failed", problem: { code: "state_mismatch", title: "Not started here", cause: "c", fix: "f" } },
      targetOrigin: "http://localhost:3000",
      deliver: false,
    });
    const html = await response.text();
    expect(html).not.toContain("<script");
    expect(html).toContain("Not started here");
  });
});
