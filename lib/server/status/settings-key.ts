import "server-only";
// Names the method, settings and secrets a chain test ran with, without holding any of them:
// `<method>:<sha-256 of the non-secret settings and the secrets' set-at times>`. A replaced PAT,
// a new OAuth sign-in, another method or changed identity settings give another key, so a verdict
// about them no longer counts (lib/schemas/connector-status.ts).
import { createHash } from "node:crypto";

export type SettingsFields = {
  authMethod: string;
  agentTenantId?: string | null;
  miClientId?: string | null;
  miPrincipalId?: string | null;
  appClientId?: string | null;
  targetTenantId?: string | null;
  clusterUrl?: string | null;
  database?: string | null;
  azureResource?: string | null;
  azureTarget?: string | null;
  patSetAt?: Date | string | null;
  oauthSetAt?: Date | string | null;
};

/** The columns settingsKeyOf reads, for Prisma selects. */
export const settingsKeySelect = {
  authMethod: true,
  agentTenantId: true,
  miClientId: true,
  miPrincipalId: true,
  appClientId: true,
  targetTenantId: true,
  clusterUrl: true,
  database: true,
  azureResource: true,
  azureTarget: true,
  patSetAt: true,
  oauthSetAt: true,
} as const;

const time = (value: Date | string | null | undefined) => (value == null ? null : new Date(value).toISOString());

export function settingsKeyOf(fields: SettingsFields): string {
  // Only what the method uses: a PAT saved while OAuth is the method does not change OAuth's key.
  const used =
    fields.authMethod === "pat"
      ? [time(fields.patSetAt)]
      : fields.authMethod === "oauth"
        ? [time(fields.oauthSetAt)]
        : [fields.agentTenantId ?? null, fields.miClientId ?? null, fields.miPrincipalId ?? null, fields.appClientId ?? null, fields.targetTenantId ?? null];
  const hash = createHash("sha256")
    // An Azure resource connector's resource and target count too; other kinds' keys are as before.
    .update(JSON.stringify([fields.authMethod, fields.clusterUrl ?? null, fields.database ?? null, ...used, ...(fields.azureResource ? [fields.azureResource, fields.azureTarget ?? null] : [])]))
    .digest("base64url")
    .slice(0, 22);
  return `${fields.authMethod}:${hash}`;
}
