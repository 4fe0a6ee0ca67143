import "server-only";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import type { SourceDto } from "@/lib/schemas/source";
import { sourceInclude, toOneSourceDto } from "./to-source-dto";

export async function getSourceOrThrow(access: Access<"sources.read">, db: Db, id: string): Promise<SourceDto> {
  assertAccess(access, "sources.read");
  const row = await db.knowledgeSource.findUnique({ where: { id }, include: sourceInclude });
  if (!row) throw notFound("The knowledge source");
  return toOneSourceDto(db, row);
}
