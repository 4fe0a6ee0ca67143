import "server-only";
// Where alerts are sent. The URL is operator configuration, but it still decides where the portal
// makes requests from inside its network, so only https is accepted (plain http only to this
// machine, and only in the sandbox, where tests receive events on a local server). Checked once
// at start so a bad value stops the portal with the variable's name instead of failing silently.
import { AppError } from "@/lib/server/errors";
import { settings, type Settings } from "@/lib/server/settings";

export type WebhookTarget = { url: URL; secret: string };

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function webhookTargetFrom(config: Pick<Settings, "sandbox" | "health">): WebhookTarget | null {
  const { alertWebhookUrl, alertWebhookSecret } = config.health;
  if (!alertWebhookUrl) return null;
  const problem = (message: string) => new AppError("misconfigured", `TB_ALERT_WEBHOOK_URL ${message}`);
  let url: URL;
  try {
    url = new URL(alertWebhookUrl);
  } catch {
    throw problem("is not a URL.");
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local && config.sandbox)) {
    throw problem("must be an https:// URL (http:// is accepted only for localhost in the sandbox).");
  }
  if (url.username || url.password) throw problem("must not contain a user name or password; events are authenticated by their signature.");
  if (!alertWebhookSecret) {
    throw new AppError("misconfigured", "TB_ALERT_WEBHOOK_SECRET is required with TB_ALERT_WEBHOOK_URL: every event is signed with it.");
  }
  return { url, secret: alertWebhookSecret };
}

export function webhookTarget(): WebhookTarget | null {
  return webhookTargetFrom(settings());
}
