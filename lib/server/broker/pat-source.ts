import "server-only";
// A PAT is sent as Basic auth with an empty user name; ADO reads only the part after the colon.
// https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/pats
import { readPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { TokenUnavailableError } from "./token-unavailable-error";

export function patAuthorization(pat: string): string {
  return `Basic ${Buffer.from(`:${pat}`, "utf8").toString("base64")}`;
}

export async function patToken(db: Db, connectorId: string, now = new Date()): Promise<{ authorization: string; expiresOn: Date | null }> {
  const stored = await readPat(db, connectorId);
  if (!stored) {
    throw new TokenUnavailableError(
      {
        code: "pat_missing",
        title: "No PAT is configured",
        cause: "This connector uses a personal access token, but none is stored.",
        fix: "Open the connector and enter a PAT.",
        raw: "No PAT is stored for this connector.",
      },
      "misconfigured",
    );
  }
  if (stored.expiresAt && stored.expiresAt.getTime() <= now.getTime()) {
    throw new TokenUnavailableError(
      {
        code: "pat_expired",
        title: "The PAT has expired",
        cause: `The PAT expired on ${stored.expiresAt.toISOString().slice(0, 10)}; Azure DevOps refuses it after that date.`,
        fix: "Create a new PAT with the Code (Read) scope and replace it here.",
        expected: "A PAT that has not expired",
        configured: `Expired ${stored.expiresAt.toISOString().slice(0, 10)}`,
        raw: "The stored PAT is past its expiry date.",
      },
      "misconfigured",
    );
  }
  return { authorization: patAuthorization(stored.pat), expiresOn: stored.expiresAt };
}
