import "server-only";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import { toConnectorDto } from "./to-connector-dto";

export const connectorDtoInclude = {
  organization: { select: { name: true } },
  _count: { select: { sources: true } },
} as const;

export async function getConnectorOrThrow(db: Db, id: string) {
  const row = await db.connector.findUnique({ where: { id }, include: connectorDtoInclude });
  if (!row) throw notFound("The connector");
  return toConnectorDto(row);
}
