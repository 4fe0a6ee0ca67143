import "server-only";
// The alert dispatcher of this process, shared by the scheduler and "Check now"; null when no
// webhook is configured (events are then only shown in the portal).
import { db } from "@/lib/server/db/client";
import { createAlertDispatcher, type AlertDispatcher } from "./alert-dispatcher";
import { webhookTarget } from "./webhook-target";

const holder = globalThis as unknown as { tenantBridgeAlertDispatcher?: AlertDispatcher | null };

export function processAlertDispatcher(): AlertDispatcher | null {
  if (holder.tenantBridgeAlertDispatcher === undefined) {
    const target = webhookTarget();
    holder.tenantBridgeAlertDispatcher = target ? createAlertDispatcher(db(), { target }) : null;
  }
  return holder.tenantBridgeAlertDispatcher;
}
