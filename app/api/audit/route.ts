import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { listAuditQuerySchema } from "@/lib/schemas/audit";

// The audit log, newest first: ?actor=&action=&targetType=&targetId=&from=&to=&page=&take=
export const GET = apiRoute({ permission: "audit.read" }, async ({ access, query }) => listAuditEvents(access, db(), listAuditQuerySchema.parse(Object.fromEntries(query))));
