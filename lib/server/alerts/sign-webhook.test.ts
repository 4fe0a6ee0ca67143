import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signWebhook } from "./sign-webhook";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const body = '{"id":"evt_1","type":"connector.failing"}';
const receiver = new Webhook(secret);

describe("signWebhook", () => {
  afterEach(() => vi.useRealTimers());

  it("gives the Standard Webhooks headers, which a receiver verifies", () => {
    const headers = signWebhook(secret, "evt_1", body, new Date());
    expect(headers["webhook-id"]).toBe("evt_1");
    expect(headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(receiver.verify(body, headers)).toEqual({ id: "evt_1", type: "connector.failing" });
  });

  it("signs the id and the timestamp with the body, not the body alone", () => {
    const at = new Date();
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key)
      .update(`evt_1.${Math.floor(at.getTime() / 1000)}.${body}`)
      .digest("base64");
    expect(signWebhook(secret, "evt_1", body, at)["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("is rejected when a captured delivery is replayed after the tolerance", () => {
    const captured = signWebhook(secret, "evt_1", body, new Date());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect(() => receiver.verify(body, captured)).toThrow(/timestamp too old/);
  });

  it("is rejected when the timestamp is moved to now, since it is signed", () => {
    const captured = signWebhook(secret, "evt_1", body, new Date(Date.now() - 3600_000));
    expect(() => receiver.verify(body, captured)).toThrow(/too old/);
    const refreshed = { ...captured, "webhook-timestamp": String(Math.floor(Date.now() / 1000)) };
    expect(() => receiver.verify(body, refreshed)).toThrow(/No matching signature/);
  });

  it("is rejected when the body or the id is tampered with, or the secret differs", () => {
    const headers = signWebhook(secret, "evt_1", body, new Date());
    expect(() => receiver.verify(body.replace("failing", "recovered"), headers)).toThrow(/No matching signature/);
    expect(() => receiver.verify(`${body} `, headers)).toThrow(/No matching signature/);
    expect(() => receiver.verify(body, { ...headers, "webhook-id": "evt_2" })).toThrow(/No matching signature/);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 9).toString("base64")}`).verify(body, headers)).toThrow(/No matching signature/);
  });
});
