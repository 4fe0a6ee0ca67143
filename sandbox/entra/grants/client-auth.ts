// How a client proves who it is at the token endpoint: a secret (in the body, or HTTP Basic as
// client_secret_basic), or a client assertion (here: a federated credential, i.e. a token from
// another issuer such as a managed identity). Public (SPA) clients send neither.
import { z } from "zod";
import type { SandboxRequest } from "../../contract";
import { header } from "../../core/http";
import type { SandboxState } from "../../core/state";
import type { Application } from "../../world/identity";
import { aadsts } from "../error-catalogue";
import { EntraFailure } from "../errors";
import { validateFederatedAssertion } from "../federated-assertion";

export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type ClientCredential = { kind: "secret"; secret: string } | { kind: "assertion"; assertion: string; assertionType: string } | { kind: "none" };

export const clientCredentialFields = z.object({
  client_secret: z.string().optional(),
  client_assertion: z.string().optional(),
  client_assertion_type: z.string().optional(),
});

export function readClientCredential(req: SandboxRequest, form: z.infer<typeof clientCredentialFields>): ClientCredential {
  if (form.client_assertion) return { kind: "assertion", assertion: form.client_assertion, assertionType: form.client_assertion_type ?? "" };
  if (form.client_secret) return { kind: "secret", secret: form.client_secret };
  const authorization = header(req, "authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    const secret = decodeURIComponent(decoded.slice(decoded.indexOf(":") + 1));
    if (secret) return { kind: "secret", secret };
  }
  return { kind: "none" };
}

/** Returns Entra's `appidacr`: "1" for a secret, "2" for an assertion. Throws EntraFailure. */
export async function authenticateClient(state: SandboxState, app: Application, credential: ClientCredential): Promise<"1" | "2"> {
  if (credential.kind === "none") throw new EntraFailure(aadsts.credentialRequired());
  if (credential.kind === "assertion") {
    if (credential.assertionType !== JWT_BEARER_ASSERTION) {
      throw new EntraFailure(aadsts.invalidAssertionType(credential.assertionType));
    }
    await validateFederatedAssertion(state, app, credential.assertion);
    return "2";
  }
  const now = Date.now();
  const matching = app.passwordCredentials.filter((p) => p.secretText === credential.secret);
  if (!matching.length) throw new EntraFailure(aadsts.invalidSecret(app.appId));
  if (matching.every((p) => p.endDateTime && Date.parse(p.endDateTime) <= now)) {
    throw new EntraFailure(aadsts.secretExpired(app.appId));
  }
  return "1";
}
