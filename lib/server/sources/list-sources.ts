import "server-only";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { SourceDto } from "@/lib/schemas/source";
import { sourceInclude, toSourceDtos } from "./to-source-dto";

export type ListSourcesFilter = { connectorId?: string; organization?: string; status?: "draft" | "ready" };

export async function listSources(access: Access<"sources.read">, db: Db, filter: ListSourcesFilter): Promise<{ items: SourceDto[] }> {
  assertAccess(access, "sources.read");
  const rows = await db.knowledgeSource.findMany({
    where: {
      connectorId: filter.connectorId,
      status: filter.status,
      ...(filter.organization ? { organization: { name: filter.organization } } : {}),
    },
    include: sourceInclude,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
  });
  return { items: await toSourceDtos(db, rows) };
}
