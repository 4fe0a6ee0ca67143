import "server-only";
// X-TenantBridge-Signature: sha256=<hex HMAC-SHA256 of the raw body>, the scheme GitHub's
// webhooks use, so receivers can reuse their verification code. Verify over the raw bytes, before
// parsing, with a constant-time comparison.
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "X-TenantBridge-Signature";
export const TIMESTAMP_HEADER = "X-TenantBridge-Timestamp";
export const EVENT_HEADER = "X-TenantBridge-Event";
export const DELIVERY_HEADER = "X-TenantBridge-Delivery";

export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}
