import { z } from "zod";
import { connectorStatuses, type ConnectorStatus } from "@/lib/schemas/connector";

export type ConnectorListParams = { status?: ConnectorStatus; search?: string; cursor?: string };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// A bad value in the address bar (hand-edited, or from an old link) falls back to "no filter"
// instead of an error page: the list is still the most useful thing to show.
const status = z.enum(connectorStatuses);
const search = z.string().trim().min(1).max(100);
const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function parseConnectorListParams(params: Record<string, string | string[] | undefined>): ConnectorListParams {
  return {
    status: status.safeParse(first(params.status)).data,
    search: search.safeParse(first(params.search)).data,
    cursor: cursor.safeParse(first(params.cursor)).data,
  };
}
