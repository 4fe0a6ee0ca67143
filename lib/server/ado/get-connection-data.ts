import "server-only";
// GET {org}/_apis/connectionData: who Azure DevOps thinks the caller is. Preview-only, so the
// api-version must carry -preview (a plain 7.1 is refused).
import { z } from "zod";
import { adoGet, type AdoGetOptions, type AdoResult } from "./ado-get";

const identitySchema = z.object({
  id: z.string(),
  descriptor: z.string().optional(),
  providerDisplayName: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const connectionDataSchema = z.object({ authenticatedUser: identitySchema, instanceId: z.string().optional() });

export type AdoCaller = {
  id: string;
  displayName: string | null;
  /** The account name (UPN for users, the object id for service principals). */
  account: string | null;
  /** The tenant in the identity's descriptor ("…;<tenant>\<name>"). */
  tenantId: string | null;
};

function accountOf(properties: Record<string, unknown> | undefined): string | null {
  const account = properties?.Account as { $value?: unknown } | undefined;
  return typeof account?.$value === "string" ? account.$value : null;
}

export async function getConnectionData(options: Omit<AdoGetOptions, "path">): Promise<AdoResult<AdoCaller>> {
  return adoGet({ ...options, path: "_apis/connectionData?api-version=7.1-preview" }, (body) => {
    const { authenticatedUser: user } = connectionDataSchema.parse(body);
    return {
      id: user.id,
      displayName: user.providerDisplayName ?? null,
      account: accountOf(user.properties),
      tenantId: /;([0-9a-f-]{36})\\/i.exec(user.descriptor ?? "")?.[1] ?? null,
    };
  });
}
