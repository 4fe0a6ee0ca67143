import "server-only";
// https://learn.microsoft.com/graph/api/application-post-federatedidentitycredentials — the app is
// addressed by its client id, so the operator does not need to look up its object id.
import type { FicArtifactsDto, FicCredentialDto, FicInputs } from "@/lib/schemas/fic";
import { credentialJson } from "./federated-credential";

export function federatedCredentialsUrl(graphBaseUrl: string, appClientId: string): string {
  return `${graphBaseUrl}/v1.0/applications(appId='${encodeURIComponent(appClientId)}')/federatedIdentityCredentials`;
}

export function graphRequest(graphBaseUrl: string, inputs: FicInputs, credential: FicCredentialDto): FicArtifactsDto["graphRequest"] {
  return { method: "POST", url: federatedCredentialsUrl(graphBaseUrl, inputs.appClientId), body: credentialJson(credential) };
}
