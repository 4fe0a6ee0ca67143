import "server-only";
// Where alerts are sent. The URL is operator configuration, but it still decides where the portal
// makes requests from inside its network, so it must be https to a public address: an IP literal
// in any spelling (the URL parser turns 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1) and the
// well-known local and metadata names are refused here, at start, with the variable's name; names
// that resolve to such an address are refused at send time (post-webhook.ts), after DNS.
//
// The one exception is TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1, honoured only with TB_SANDBOX=1: the
// demo and the tests receive events on this machine. It opens loopback alone (not link-local,
// metadata or private networks), and because it needs the sandbox flag too, a production
// configuration cannot turn it on by copying one line.
import { isIP } from "node:net";
import { AppError } from "@/lib/server/errors";
import { settings, type Settings } from "@/lib/server/settings";
import { addressProblem, PUBLIC_ONLY, refusedAddressKind, type AddressPolicy } from "./webhook-address";

export type WebhookTarget = { url: URL; secret: string; policy: AddressPolicy };

const METADATA_NAMES = new Set(["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"]);

/** The URL's host as a bare name or IP (no brackets, no trailing dot). */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

export function webhookTargetFrom(config: Pick<Settings, "sandbox" | "health">): WebhookTarget | null {
  const { alertWebhookUrl, alertWebhookSecret, alertWebhookAllowLoopback } = config.health;
  if (alertWebhookAllowLoopback && !config.sandbox) {
    throw new AppError("misconfigured", "TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 is only accepted with TB_SANDBOX=1 (the demo and tests); remove it.");
  }
  if (!alertWebhookUrl) return null;
  const policy: AddressPolicy = { allowLoopback: alertWebhookAllowLoopback };
  const problem = (message: string) => new AppError("misconfigured", `TB_ALERT_WEBHOOK_URL ${message}`);
  let url: URL;
  try {
    url = new URL(alertWebhookUrl);
  } catch {
    throw problem("is not a URL.");
  }
  if (url.username || url.password) throw problem("must not contain a user name or password; events are authenticated by their signature.");

  const host = bareHost(url);
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  if (METADATA_NAMES.has(host)) throw problem(`must not point at ${host}, a cloud metadata endpoint.`);
  if (loopbackName && !policy.allowLoopback) throw problem(`must not point at ${host}, this machine (TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 allows it in the sandbox).`);
  let loopback = loopbackName;
  if (isIP(host) !== 0) {
    const refused = addressProblem(host, policy);
    if (refused) throw problem(`must not point at ${refused}; ${PUBLIC_ONLY}.`);
    loopback = refusedAddressKind(host) === "loopback";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw problem("must be an https:// URL (http:// is accepted only for this machine, with TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 in the sandbox).");
  }
  if (!alertWebhookSecret) {
    throw new AppError("misconfigured", "TB_ALERT_WEBHOOK_SECRET is required with TB_ALERT_WEBHOOK_URL: every event is signed with it.");
  }
  return { url, secret: alertWebhookSecret, policy };
}

export function webhookTarget(): WebhookTarget | null {
  return webhookTargetFrom(settings());
}
