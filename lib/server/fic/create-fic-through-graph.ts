import "server-only";
// "Create it for me": the operator's own Graph token creates the FIC on the app, then the values
// are saved on the connector. When Graph refuses for lack of rights, the values are saved as a
// draft that names who must create it instead.
import type { Access } from "@/lib/server/auth/access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { updateConnector } from "@/lib/server/connectors/update-connector";
import type { Db } from "@/lib/server/db/client";
import { versionConflict } from "@/lib/server/errors";
import type { CreateFicThroughGraphInput, FicGraphOutcomeDto } from "@/lib/schemas/fic";
import { whoCreatesCredential } from "./fic-artifacts";
import { federatedCredential } from "./federated-credential";
import { createFicInGraph } from "./graph-fic-client";
import { saveFicDraft } from "./save-fic-draft";

export type GraphEnvironment = { authorityHost: string; graphBaseUrl: string };

export async function createFicThroughGraph(db: Db, access: Access<"connectors.write">, id: string, input: CreateFicThroughGraphInput, environment: GraphEnvironment): Promise<FicGraphOutcomeDto> {
  const { operator } = access;
  const { inputs, version } = input;
  const before = await getConnectorOrThrow(access, db, id);
  // Check the version before touching Graph, so a stale page does not create a credential it cannot save.
  if (before.version !== version) throw versionConflict("The connector");
  const credential = federatedCredential(environment.authorityHost, inputs);
  const result = await createFicInGraph(environment.graphBaseUrl, inputs.appClientId, credential, input.graphAccessToken);
  const { ficName, ...ids } = inputs;

  if (result.kind === "created" || result.kind === "exists") {
    const connector = await updateConnector(db, operator, id, { version, ...ids });
    await recordAuditEvent(db, operator, {
      action: result.kind === "created" ? "connector.fic_created" : "connector.fic_confirmed",
      targetType: "connector",
      targetId: id,
      summary: `${result.kind === "created" ? "Created" : "Found"} federated credential '${ficName}' on app ${inputs.appClientId} for '${connector.displayName}'`,
      details: { ficName, appClientId: inputs.appClientId, issuer: credential.issuer, subject: credential.subject },
    });
    return {
      status: result.kind,
      title: result.kind === "created" ? "Federated credential created" : "The federated credential already exists",
      message:
        result.kind === "created"
          ? `“${ficName}” now trusts the identity's tokens on app ${inputs.appClientId}. Entra may take a minute to propagate it; then run the chain test.`
          : `App ${inputs.appClientId} already has “${ficName}” with the same issuer, subject and audience. Nothing was changed; run the chain test.`,
      graphCode: null,
      requestId: null,
      draft: null,
      connector,
    };
  }

  if (result.kind === "name_taken") {
    return {
      status: "failed",
      title: "Another credential already uses this name",
      message: `App ${inputs.appClientId} has a credential named “${ficName}” with other values (issuer ${result.existing.issuer}, subject ${result.existing.subject}). Names are unique and cannot be changed: pick another name, or delete that credential if it is a mistake.`,
      graphCode: "Request_MultipleObjectsWithSameKeyValue",
      requestId: null,
      draft: null,
      connector: before,
    };
  }

  if (result.status === 403) {
    const saved = await saveFicDraft(db, operator, id, { version, ...ids, ficName });
    return {
      status: "denied",
      title: "Your account may not create this credential",
      message: `${whoCreatesCredential(inputs)} must create it. The values are saved as a draft; send them the az script.`,
      graphCode: result.code,
      requestId: result.requestId,
      draft: saved.draft,
      connector: saved.connector,
    };
  }

  const explanation =
    result.status === 401
      ? "Graph did not accept your sign-in (expired, or not a Graph token). Select “Create with my account” again."
      : result.status === 404
        ? `App ${inputs.appClientId} is not registered in the tenant you signed in to. Sign in with an account of the agent tenant ${inputs.agentTenantId}, or check the app's client id.`
        : `Microsoft Graph refused: ${result.message}`;
  return { status: "failed", title: "The credential was not created", message: explanation, graphCode: result.code, requestId: result.requestId, draft: null, connector: before };
}
