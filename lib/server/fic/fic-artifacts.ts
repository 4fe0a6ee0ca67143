import "server-only";
// Everything the assistant shows for one set of values, from pure generators.
import { adminConsentUrl } from "@/lib/server/entra/admin-consent-url";
import type { FicArtifactsDto, FicInputs, FicTarget } from "@/lib/schemas/fic";
import { azCliScript } from "./az-cli-script";
import { bicepTemplate } from "./bicep-template";
import { federatedCredential } from "./federated-credential";
import { graphRequest } from "./graph-request";
import { targetGrants } from "./target-grants";

export type FicEnvironment = { authorityHost: string; graphBaseUrl: string; adoBaseUrl: string };

/** Entra roles that may write an app's federated credentials, besides the app's owners. */
export function whoCreatesCredential(inputs: Pick<FicInputs, "appClientId" | "agentTenantId">): string {
  return `An Application Administrator, a Cloud Application Administrator, an Application Developer, or an owner of app ${inputs.appClientId} in tenant ${inputs.agentTenantId}`;
}

export function ficArtifacts(environment: FicEnvironment, inputs: FicInputs, target: FicTarget): FicArtifactsDto {
  const credential = federatedCredential(environment.authorityHost, inputs);
  return {
    credential,
    azCli: azCliScript(inputs, credential),
    bicep: bicepTemplate(inputs, credential),
    graphRequest: graphRequest(environment.graphBaseUrl, inputs, credential),
    adminConsentUrl: adminConsentUrl(environment.authorityHost, inputs.targetTenantId, inputs.appClientId),
    grants: targetGrants(environment.adoBaseUrl, target, inputs.appClientId, inputs.targetTenantId),
    whoCreates: whoCreatesCredential(inputs),
  };
}
