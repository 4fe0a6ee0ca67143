import { describe, expect, it } from "vitest";
import { webhookTargetFrom } from "./webhook-target";

const secret = "0123456789abcdef";
const config = (url: string | undefined, sandbox = false, webhookSecret: string | null = secret) => ({
  sandbox,
  health: { alertWebhookUrl: url, alertWebhookSecret: webhookSecret ?? undefined, schedulerEnabled: false, checkIntervalSeconds: 900, checkConcurrency: 4, runRetentionDays: 30 },
});

describe("webhookTargetFrom", () => {
  it("is null when no webhook is configured", () => {
    expect(webhookTargetFrom(config(undefined))).toBeNull();
  });

  it("accepts https anywhere", () => {
    expect(webhookTargetFrom(config("https://hooks.example.com/tb"))?.url.href).toBe("https://hooks.example.com/tb");
  });

  it("accepts http only for this machine and only in the sandbox", () => {
    expect(webhookTargetFrom(config("http://127.0.0.1:9999/hook", true))?.url.port).toBe("9999");
    expect(webhookTargetFrom(config("http://localhost:9999/hook", true))).not.toBeNull();
    expect(() => webhookTargetFrom(config("http://127.0.0.1:9999/hook", false))).toThrow(/https/);
    expect(() => webhookTargetFrom(config("http://hooks.example.com/tb", true))).toThrow(/https/);
    expect(() => webhookTargetFrom(config("ftp://hooks.example.com/tb"))).toThrow(/https/);
  });

  it("refuses credentials in the URL and a missing secret", () => {
    expect(() => webhookTargetFrom(config("https://user:pw@hooks.example.com/tb"))).toThrow(/user name or password/);
    expect(() => webhookTargetFrom(config("https://hooks.example.com/tb", false, null))).toThrow(/TB_ALERT_WEBHOOK_SECRET/);
  });
});
