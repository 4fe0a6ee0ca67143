import "server-only";
// The webhook body: what changed, on which connector, and for a failure the hop, code, cause and
// fix. Built only from the stored event, which never holds a secret. The same bytes are sent on
// every retry, so `id` lets a receiver drop duplicates.
type EventRow = {
  id: string;
  at: Date;
  type: string;
  connectorId: string;
  connectorName: string;
  target: string;
  kind: string;
  authMethod: string;
  fromStatus: string;
  toStatus: string;
  runId: string | null;
  checkKey: string | null;
  checkLabel: string | null;
  code: string | null;
  title: string | null;
  cause: string | null;
  fix: string | null;
  sourceId?: string | null;
  sourceName?: string | null;
};

export function webhookPayload(event: EventRow) {
  const recovered = event.type === "connector.recovered";
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.at.toISOString(),
    summary:
      event.type === "source.recovered"
        ? `Knowledge source ${event.sourceName ?? ""} of ${event.connectorName} is ready again for everything it was added for.`
        : event.type === "source.degraded"
          ? `Knowledge source ${event.sourceName ?? ""} of ${event.connectorName} lost access it was added for${event.checkLabel ? `: “${event.checkLabel}” did not pass` : ""}.`
          : recovered
            ? `${event.connectorName} recovered: every check passes again (was ${event.fromStatus.replace("_", " ")}).`
            : `${event.connectorName} is ${event.toStatus === "needs_signin" ? "waiting for a sign-in" : "failing"}${event.checkLabel ? ` at “${event.checkLabel}”` : ""}${event.code ? ` (${event.code})` : ""}.`,
    connector: {
      id: event.connectorId,
      name: event.connectorName,
      kind: event.kind,
      organization: event.kind === "ado" ? event.target : null,
      target: event.target,
      method: event.authMethod,
    },
    from: event.fromStatus,
    to: event.toStatus,
    source: event.sourceId ? { id: event.sourceId, name: event.sourceName ?? null } : null,
    check: event.checkKey ? { key: event.checkKey, label: event.checkLabel, code: event.code, title: event.title, cause: event.cause, fix: event.fix } : null,
    runId: event.runId,
  };
}

export type WebhookPayload = ReturnType<typeof webhookPayload>;
