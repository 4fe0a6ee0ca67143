import { describe, expect, it } from "vitest";
import { CryptoError } from "@/lib/server/crypto/crypto-error";
import { decodeEntraError } from "./decode-entra-error";

const context = {
  authorityHost: "https://login.microsoftonline.com",
  agentTenantId: "c0550000-0000-4000-8000-000000000001",
  miPrincipalId: "a9e00000-0000-4000-8000-0000000000c2",
  appClientId: "ab900000-0000-4000-8000-0000000000d1",
  targetTenantId: "11700000-0000-4000-8000-000000000002",
};

// The message shape @azure/identity gives: MSAL's ServerError text inside an AuthenticationRequiredError.
const identityMessage = (code: number, text: string) =>
  new Error(
    `ClientAssertionCredential authentication failed. invalid_client: Error(s): ${code} - Timestamp: 2026-11-22 10:00:00Z - Description: AADSTS${code}: ${text}\r\nTrace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2026-11-22 10:00:00Z`,
  );

describe("decodeEntraError", () => {
  it("never reports a secret that failed to decrypt as an Entra refusal", () => {
    const error = new CryptoError(
      "authentication_failed",
      'The secret of connector c1 (oauthCache) failed authentication under key "k-2024": it was altered, copied from another row or field, or the key\'s bytes changed.',
    );
    const decoded = decodeEntraError(error, context);
    expect(decoded.code).toBe("secret_authentication_failed");
    expect(decoded.title).toBe("TenantBridge could not decrypt the stored secret");
    expect(`${decoded.title} ${decoded.cause}`).not.toMatch(/Entra ID refused/);
    expect(decoded.cause).toContain('key "k-2024"');
  });

  it("explains AADSTS700016 with the admin consent link for the target tenant", () => {
    const decoded = decodeEntraError(identityMessage(700016, "Application with identifier 'x' was not found in the directory 'Litware'."), context);
    expect(decoded.code).toBe("AADSTS700016");
    expect(decoded.title).toMatch(/no service principal/);
    expect(decoded.link?.href).toBe(`https://login.microsoftonline.com/${context.targetTenantId}/adminconsent?client_id=${context.appClientId}`);
    expect(decoded.traceId).toBe("0000aaaa-11bb-cccc-dd33-eeeeee333333");
    expect(decoded.correlationId).toBe("aaaa0000-bb11-2222-33cc-444444dddddd");
  });

  it("shows the identity's principal id as the expected subject for AADSTS700213", () => {
    const decoded = decodeEntraError(identityMessage(700213, "No matching federated identity record found for presented assertion subject 'x'."), context);
    expect(decoded.expected).toBe(`subject = ${context.miPrincipalId}`);
    expect(decoded.fix).toMatch(/principal id/);
  });

  it("names the agent tenant for AADSTS700236 and the issuer for AADSTS700211", () => {
    expect(decodeEntraError(identityMessage(700236, "Entra ID tokens issued by issuer …"), context).expected).toContain(context.agentTenantId);
    expect(decodeEntraError(identityMessage(700211, "No matching federated identity record found for presented assertion issuer"), context).expected).toBe(
      `https://login.microsoftonline.com/${context.agentTenantId}/v2.0`,
    );
  });

  it("reads a raw token-endpoint body too", () => {
    const decoded = decodeEntraError({ error: "invalid_grant", error_description: "AADSTS65001: The user or administrator has not consented." }, context);
    expect(decoded.code).toBe("AADSTS65001");
  });

  it("keeps an unknown code verbatim with its trace id instead of swallowing it", () => {
    const decoded = decodeEntraError(identityMessage(9999999, "Something new."), context);
    expect(decoded.code).toBe("AADSTS9999999");
    expect(decoded.raw).toContain("AADSTS9999999: Something new.");
    expect(decoded.traceId).toBe("0000aaaa-11bb-cccc-dd33-eeeeee333333");
    expect(decoded.fix).toContain("https://login.microsoftonline.com/error?code=9999999");
  });

  it("keeps an error without any code verbatim", () => {
    const decoded = decodeEntraError(new Error("socket hang up"), context);
    expect(decoded.code).toBe("unknown");
    expect(decoded.raw).toBe("socket hang up");
  });
});
