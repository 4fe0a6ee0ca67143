import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { grantSandboxAdoAccess } from "@/lib/server/sandbox/grant-sandbox-ado-access";

// Demo only: 404 unless the portal runs against the sandbox cloud.
export const POST = apiRoute({ permission: "connectors.write" }, async ({ access, params }) => grantSandboxAdoAccess(db(), access, params.id ?? ""));
