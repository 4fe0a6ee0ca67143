import "server-only";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import { toConnectorDto } from "./to-connector-dto";

import { connectorDtoSelect } from "./connector-select";

/** Writers read what they change, so a grant of either permission will do. */
export async function getConnectorOrThrow(access: Access<"connectors.read"> | Access<"connectors.write">, db: Db, id: string) {
  assertAccess(access, "connectors.read", "connectors.write");
  const row = await db.connector.findUnique({ where: { id }, select: connectorDtoSelect });
  if (!row) throw notFound("The connector");
  return toConnectorDto(row);
}
