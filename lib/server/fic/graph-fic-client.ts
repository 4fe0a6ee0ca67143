import "server-only";
// Creates (or finds) the FIC on the app through Microsoft Graph with the operator's delegated
// token. The token arrives from the browser for this one call and is never stored or logged.
// https://learn.microsoft.com/graph/api/application-post-federatedidentitycredentials
import { z } from "zod";
import { outboundFetch, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import type { FicCredentialDto } from "@/lib/schemas/fic";
import { credentialJson } from "./federated-credential";
import { federatedCredentialsUrl } from "./graph-request";

const graphErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), innerError: z.object({ "request-id": z.string().optional() }).passthrough().optional() }).passthrough(),
});
const ficListSchema = z.object({
  value: z.array(z.object({ name: z.string(), issuer: z.string(), subject: z.string(), audiences: z.array(z.string()) }).passthrough()),
});

export type GraphFicResult =
  | { kind: "created" }
  | { kind: "exists" }
  | { kind: "name_taken"; existing: { issuer: string; subject: string; audiences: string[] } }
  | { kind: "graph_error"; status: number; code: string; message: string; requestId: string | null };

async function graphErrorOf(response: OutboundAnswer): Promise<Extract<GraphFicResult, { kind: "graph_error" }>> {
  const parsed = graphErrorSchema.safeParse(await response.json().catch(() => null));
  return {
    kind: "graph_error",
    status: response.status,
    code: parsed.success ? parsed.data.error.code : `HTTP ${response.status}`,
    message: parsed.success ? parsed.data.error.message : `Microsoft Graph answered ${response.status}.`,
    requestId: (parsed.success ? parsed.data.error.innerError?.["request-id"] : undefined) ?? response.headers.get("request-id"),
  };
}

export async function createFicInGraph(graphBaseUrl: string, appClientId: string, credential: FicCredentialDto, accessToken: string): Promise<GraphFicResult> {
  const url = federatedCredentialsUrl(graphBaseUrl, appClientId);
  const headers = { authorization: `Bearer ${accessToken}`, "content-type": "application/json", accept: "application/json" };
  // Not idempotent: a retried POST could meet its own first attempt as a 409.
  const created = await outboundFetch(url, { service: "graph", method: "POST", headers, body: credentialJson(credential), idempotent: false, timeoutMs: 15_000 });
  if (created.status === 201 || created.status === 200) {
    return { kind: "created" };
  }
  if (created.status !== 409) return graphErrorOf(created);
  // A credential with this name exists (names are unique per app): the same values mean done.
  const listed = await outboundFetch(url, { service: "graph", headers, timeoutMs: 15_000 });
  if (!listed.ok) return graphErrorOf(listed);
  const list = ficListSchema.parse(await listed.json());
  const existing = list.value.find((fic) => fic.name === credential.name);
  if (!existing)
    return { kind: "graph_error", status: 409, code: "Request_MultipleObjectsWithSameKeyValue", message: "Graph reported a conflict but lists no credential with this name.", requestId: null };
  const sameIssuer = existing.issuer === credential.issuer || existing.issuer === credential.realAzureIssuer;
  const same = sameIssuer && existing.subject === credential.subject && existing.audiences.join(" ") === credential.audiences.join(" ");
  return same ? { kind: "exists" } : { kind: "name_taken", existing: { issuer: existing.issuer, subject: existing.subject, audiences: existing.audiences } };
}
