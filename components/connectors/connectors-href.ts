import type { ConnectorStatus } from "@/lib/schemas/connector";

/** The connectors list URL for a filter and page; empty values are left out of the query. */
export function connectorsHref({ status, search, cursor }: { status?: ConnectorStatus; search?: string; cursor?: string }): string {
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (search) query.set("search", search);
  if (cursor) query.set("cursor", cursor);
  const text = query.toString();
  return text ? `/connectors?${text}` : "/connectors";
}
