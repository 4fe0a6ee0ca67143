// The agent app form's check, loaded with the form's first check rather than with /settings: the
// fields as the handler takes them (an empty optional id is none), with the version read.
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { putAgentAppSchema } from "@/lib/schemas/agent-app";

function agentAppFormSchema(version: number) {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return z
    .object({ appClientId: z.string(), agentTenantId: z.string(), miClientId: z.string(), miPrincipalId: z.string() })
    .transform((fields): z.input<typeof putAgentAppSchema> => ({
      appClientId: fields.appClientId.trim(),
      agentTenantId: optional(fields.agentTenantId),
      miClientId: optional(fields.miClientId),
      miPrincipalId: optional(fields.miPrincipalId),
      version,
    }))
    .pipe(putAgentAppSchema);
}

export function agentAppResolver(version: number) {
  return zodResolver(agentAppFormSchema(version));
}
