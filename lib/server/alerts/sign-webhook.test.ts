import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody } from "./sign-webhook-body";

describe("signWebhookBody", () => {
  it("is sha256= and the hex HMAC of the exact body", () => {
    const body = '{"type":"connector.failing"}';
    expect(signWebhookBody(body, "a-secret-of-16-chars")).toBe(`sha256=${createHmac("sha256", "a-secret-of-16-chars").update(body).digest("hex")}`);
  });

  it("changes with one byte of the body or a different secret", () => {
    const signature = signWebhookBody("{}", "a-secret-of-16-chars");
    expect(signWebhookBody("{ }", "a-secret-of-16-chars")).not.toBe(signature);
    expect(signWebhookBody("{}", "b-secret-of-16-chars")).not.toBe(signature);
  });
});
