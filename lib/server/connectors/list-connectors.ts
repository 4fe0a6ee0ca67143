import "server-only";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { ConnectorDto, ConnectorStatus } from "@/lib/schemas/connector";
import { connectorDtoSelect } from "./connector-select";
import { toConnectorDto } from "./to-connector-dto";

export type ListConnectorsQuery = { status?: ConnectorStatus; search?: string; take?: number; cursor?: string };

/** One page of connectors, newest first, with their knowledge-source counts in the same query. */
export async function listConnectors(access: Access<"connectors.read">, db: Db, query: ListConnectorsQuery = {}): Promise<{ items: ConnectorDto[]; nextCursor: string | null }> {
  assertAccess(access, "connectors.read");
  const take = Math.min(Math.max(query.take ?? 50, 1), 200);
  const rows = await db.connector.findMany({
    where: {
      status: query.status,
      ...(query.search ? { OR: [{ displayName: { contains: query.search } }, { organization: { name: { contains: query.search.toLowerCase() } } }] } : {}),
    },
    select: connectorDtoSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, take);
  return { items: page.map(toConnectorDto), nextCursor: rows.length > take ? (page.at(-1)?.id ?? null) : null };
}
