import "server-only";
// The Azure CLI version of the FIC, for whoever may write the app's credentials.
// `az ad app federated-credential create --id` takes the app's client id or object id.
import type { FicCredentialDto, FicInputs } from "@/lib/schemas/fic";
import { credentialJson } from "./federated-credential";

/** Single quotes for a POSIX shell: the JSON holds no single quote, but an operator's name could. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'"'"'`)}'`;

export function azCliScript(inputs: FicInputs, credential: FicCredentialDto): string {
  return [
    `# Run as an Application Administrator, a Cloud Application Administrator, or an owner of the app,`,
    `# signed in to the agent's tenant ${inputs.agentTenantId}.`,
    `az login --tenant ${inputs.agentTenantId}`,
    ``,
    `az ad app federated-credential create \\`,
    `  --id ${inputs.appClientId} \\`,
    `  --parameters ${shellQuote(credentialJson(credential))}`,
    ``,
    `# Check: the credential is listed with the same issuer, subject and audience.`,
    `az ad app federated-credential list --id ${inputs.appClientId} --query "[?name=='${credential.name}']"`,
  ].join("\n");
}
