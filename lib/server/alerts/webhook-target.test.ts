import { describe, expect, it } from "vitest";
import { loadSettings } from "@/lib/server/settings";
import { webhookTargetFrom } from "./webhook-target";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const config = (url: string | undefined, options: { sandbox?: boolean; allowLoopback?: boolean; secret?: string | null } = {}) => ({
  sandbox: options.sandbox ?? false,
  health: {
    alertWebhookUrl: url,
    alertWebhookSecret: options.secret === null ? undefined : (options.secret ?? secret),
    alertWebhookAllowLoopback: options.allowLoopback ?? false,
    schedulerEnabled: false,
    checkIntervalSeconds: 900,
    checkConcurrency: 4,
    runRetentionDays: 30,
  },
});
const optedIn = { sandbox: true, allowLoopback: true };

// Every spelling of a local, private or metadata target that the URL alone can reveal.
const refused = [
  "https://169.254.169.254/latest/meta-data/",
  "https://[fd00:ec2::254]/latest/meta-data/",
  "https://168.63.129.16/machine?comp=goalstate",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://127.0.0.1:8443/_sandbox/reset",
  "https://[::1]:8443/hook",
  "https://localhost/hook",
  "https://localhost./hook",
  "https://hooks.localhost/hook",
  "https://2130706433/",
  "https://017700000001/",
  "https://0177.0.0.1/",
  "https://0x7f000001/",
  "https://0x7f.1/",
  "https://127.1/",
  "https://[::ffff:127.0.0.1]/",
  "https://[::ffff:7f00:1]/",
  "https://[::ffff:169.254.169.254]/",
  "https://0.0.0.0/",
  "https://0/",
  "https://[::]/",
  "https://10.0.0.8/hook",
  "https://172.16.5.4/hook",
  "https://172.31.0.1/hook",
  "https://192.168.0.10/hook",
  "https://100.64.1.1/hook",
  "https://[fc00::1]/hook",
  "https://[fd12:3456::1]/hook",
  "https://[fe80::1]/hook",
  "https://169.254.1.1/hook",
  "https://[64:ff9b::7f00:1]/hook",
  "https://224.0.0.251/hook",
];

describe("webhookTargetFrom", () => {
  it("is null when no webhook is configured", () => {
    expect(webhookTargetFrom(config(undefined))).toBeNull();
  });

  it("accepts https to a public host name or address", () => {
    expect(webhookTargetFrom(config("https://hooks.example.com/tb"))?.url.href).toBe("https://hooks.example.com/tb");
    expect(webhookTargetFrom(config("https://20.190.160.1/tb"))?.policy).toEqual({ allowLoopback: false });
    expect(webhookTargetFrom(config("https://[2620:1ec:c11::200]/tb"))).not.toBeNull();
  });

  it.each(refused)("refuses %s by default, naming TB_ALERT_WEBHOOK_URL", (url) => {
    expect(() => webhookTargetFrom(config(url))).toThrow(/^TB_ALERT_WEBHOOK_URL must not point at /);
  });

  it("lets TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 in the sandbox reach loopback, over http too", () => {
    expect(webhookTargetFrom(config("http://127.0.0.1:9999/hook", optedIn))).toMatchObject({ policy: { allowLoopback: true } });
    expect(webhookTargetFrom(config("http://localhost:9999/hook", optedIn))?.url.port).toBe("9999");
    expect(webhookTargetFrom(config("https://[::1]:9999/hook", optedIn))).not.toBeNull();
    expect(webhookTargetFrom(config("https://2130706433/", optedIn))).not.toBeNull();
  });

  it("opens nothing but loopback with the opt-in", () => {
    const stillRefused = refused.filter((url) => !/127\.|::1\]|ffff:7f00|localhost|2130706433|017700000001|0177\.|0x7f/.test(url));
    expect(stillRefused.length).toBeGreaterThan(15);
    for (const url of stillRefused) expect(() => webhookTargetFrom(config(url, optedIn)), url).toThrow(/^TB_ALERT_WEBHOOK_URL must not point at /);
    expect(() => webhookTargetFrom(config("http://hooks.example.com/tb", optedIn))).toThrow(/https/);
  });

  it("refuses the opt-in outside the sandbox, even without a webhook", () => {
    expect(() => webhookTargetFrom(config("http://127.0.0.1:9999/hook", { allowLoopback: true }))).toThrow(/TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 is only accepted with TB_SANDBOX=1/);
    expect(() => webhookTargetFrom(config(undefined, { allowLoopback: true }))).toThrow(/TB_ALERT_WEBHOOK_ALLOW_LOOPBACK/);
  });

  it("refuses plain http to anything else, and other schemes", () => {
    expect(() => webhookTargetFrom(config("http://hooks.example.com/tb", { sandbox: true }))).toThrow(/https/);
    expect(() => webhookTargetFrom(config("http://127.0.0.1:9999/hook", { sandbox: true }))).toThrow(/loopback/);
    expect(() => webhookTargetFrom(config("ftp://hooks.example.com/tb"))).toThrow(/https/);
  });

  it("refuses credentials in the URL and a missing secret", () => {
    expect(() => webhookTargetFrom(config("https://user:pw@hooks.example.com/tb"))).toThrow(/user name or password/);
    expect(() => webhookTargetFrom(config("https://hooks.example.com/tb", { secret: null }))).toThrow(/TB_ALERT_WEBHOOK_SECRET/);
  });
});

describe("TB_ALERT_WEBHOOK_SECRET", () => {
  const load = (value: string) => loadSettings({ NODE_ENV: "test", TB_ALERT_WEBHOOK_SECRET: value });

  it("is a Standard Webhooks whsec_ secret", () => {
    expect(load(secret).health.alertWebhookSecret).toBe(secret);
    expect(load(`whsec_${Buffer.alloc(64, 7).toString("base64")}`).health.alertWebhookSecret).toMatch(/^whsec_/);
  });

  it("refuses an old free-text secret at start, saying what to set", () => {
    expect(() => load("health-test-webhook-secret")).toThrow(/TB_ALERT_WEBHOOK_SECRET: must be a Standard Webhooks secret: whsec_/);
    expect(() => load("health-test-webhook-secret")).toThrow(/randomBytes\(32\)/);
  });

  it("refuses a key shorter than 24 bytes or longer than 64, or not base64", () => {
    expect(() => load(`whsec_${Buffer.alloc(16, 1).toString("base64")}`)).toThrow(/TB_ALERT_WEBHOOK_SECRET/);
    expect(() => load(`whsec_${Buffer.alloc(65, 1).toString("base64")}`)).toThrow(/TB_ALERT_WEBHOOK_SECRET/);
    expect(() => load("whsec_not base64 at all!!!!!!!!!!!!!!!!")).toThrow(/TB_ALERT_WEBHOOK_SECRET/);
  });
});
