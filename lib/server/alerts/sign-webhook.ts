import "server-only";
// Events are signed as Standard Webhooks specifies: HMAC-SHA256 over "<id>.<timestamp>.<body>",
// so a receiver that verifies with any Standard Webhooks library also checks that the timestamp is
// recent (five minutes either way in the `standardwebhooks` package) and can drop an id it has
// seen. A signature over the body alone would let anyone who captured one delivery replay it
// forever. The id is the alert event's id, the same on every retry; the timestamp is the attempt's.
import { Webhook } from "standardwebhooks";

/** Names a receiver routes on without parsing; the type is also in the signed body. */
export const EVENT_HEADER = "X-TenantBridge-Event";

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** `secret` is the whsec_ value both sides are configured with. */
export function signWebhook(secret: string, eventId: string, body: string, at: Date): SignedHeaders {
  return {
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(eventId, at, body),
  };
}
