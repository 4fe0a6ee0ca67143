// The new connector form's check, loaded with the form's first check rather than with the page:
// every kind's fields, mapped to the body the handler takes for the chosen kind and checked with
// the handler's own schema.
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import { azureResourceSchema } from "@/lib/schemas/azure-resource-schema";
import { connectorKinds, createConnectorSchema } from "@/lib/schemas/connector";

/** The form's fields: every kind's, so switching kinds keeps what was typed. */
const formSchema = z
  .object({
    kind: z.enum(connectorKinds),
    organization: z.string(),
    adoMethod: z.enum(["mi_fic", "oauth", "pat"]),
    clusterUrl: z.string(),
    database: z.string(),
    kustoMethod: z.enum(["mi_fic", "managed_identity"]),
    azureResource: azureResourceSchema,
    azureTarget: z.string(),
    azureMethod: z.enum(["mi_fic", "managed_identity"]),
    displayName: z.string(),
  })
  // The body the handler takes for the chosen kind, checked with the handler's own schema.
  .transform((form): z.input<typeof createConnectorSchema> => {
    const named = form.displayName.trim() ? { displayName: form.displayName } : {};
    if (form.kind === "ado") return { kind: form.kind, organization: form.organization, authMethod: form.adoMethod, ...named };
    if (form.kind === "kusto") return { kind: form.kind, clusterUrl: form.clusterUrl, database: form.database, authMethod: form.kustoMethod, ...named };
    return { kind: form.kind, azureResource: form.azureResource, ...(azureResourceInfo[form.azureResource].target ? { azureTarget: form.azureTarget } : {}), authMethod: form.azureMethod, ...named };
  })
  .pipe(createConnectorSchema);

export type NewConnectorFields = z.input<typeof formSchema>;

export const newConnectorResolver = zodResolver(formSchema);
