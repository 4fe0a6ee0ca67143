import "server-only";
// A stored secret that does not decrypt is the portal's own configuration problem (its keys),
// never a refusal by Entra ID or Azure DevOps; it must not be explained as one.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { CryptoError } from "./crypto-error";

export function explainCryptoError(error: unknown): DecodedError | undefined {
  if (!(error instanceof CryptoError)) return undefined;
  const keyMissing = error.reason === "key_missing";
  return {
    code: `secret_${error.reason}`,
    title: keyMissing ? "The stored secret's encryption key is missing" : "TenantBridge could not decrypt the stored secret",
    cause: `${error.message} No request was sent to Entra ID or Azure DevOps.`,
    fix: keyMissing
      ? (error.hint ?? "Add the key back to TB_ENCRYPTION_KEYS and restart.")
      : "Ask the TenantBridge administrator to check TB_ENCRYPTION_KEYS (the key with this id must have its original bytes), or enter the credential again.",
    raw: error.message,
  };
}
