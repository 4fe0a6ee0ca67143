// Every error code the sandbox cloud can answer has a cause and fix of the portal's own (not the
// generic "refused the request" text) and a Microsoft Learn page. The sandbox lists its codes
// (sandbox/error-codes.ts), so a new sandbox error without a decoder entry fails here.
import { describe, expect, it } from "vitest";
import { sandboxErrorCodes } from "@/sandbox/error-codes";
import { aadsts } from "@/sandbox/entra/error-catalogue";
import { learnLinkFor } from "@/lib/client/learn-link";
import { decodeAdoError } from "@/lib/server/ado/decode-ado-error";
import { decodeEntraError } from "./decode-entra-error";

const context = { authorityHost: "https://login.microsoftonline.com", targetTenantId: "11700000-0000-4000-8000-000000000002", appClientId: "ab900000-0000-4000-8000-0000000000d1" };
const codes = sandboxErrorCodes();

describe("the portal's decoder against the sandbox's error catalogue", () => {
  it("knows dozens of sandbox codes, the new fidelity codes among them", () => {
    expect(codes.entra.length).toBeGreaterThan(30);
    expect(codes.entra).toEqual(expect.arrayContaining(["AADSTS7002138", "AADSTS7002121", "AADSTS500011"]));
    expect(codes.ado).toEqual(expect.arrayContaining(["TF200016", "VS800075", "TF401444"]));
  });

  it.each(codes.entra)("explains %s with a cause, a fix and a Learn page", (code) => {
    const decoded = decodeEntraError(new Error(`invalid_client: ${code}: The sandbox's text.\r\nTrace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333`), context);
    expect(decoded.code).toBe(code);
    expect(decoded.title).not.toMatch(/refused the request/);
    expect(decoded.cause).not.toMatch(/does not have an explanation/);
    expect(decoded.fix.length).toBeGreaterThan(10);
    expect(learnLinkFor(decoded.code)?.href).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it.each(codes.ado)("explains %s with a cause, a fix and a Learn page", (code) => {
    const decoded = decodeAdoError({ status: 404, contentType: "application/json", body: JSON.stringify({ message: `${code}: The sandbox's text.` }) }, { organization: "litware" });
    expect(decoded.code).toBe(code);
    expect(decoded.title).not.toMatch(/refused the request/);
    expect(decoded.cause).not.toMatch(/does not have an explanation/);
    expect(learnLinkFor(decoded.code)?.href).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it("reads the sandbox's system-assigned refusal as such, not as an app token", () => {
    const failure = aadsts.systemAssignedAssertion("/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps/agent");
    const decoded = decodeEntraError(new Error(`AADSTS${failure.code}: ${failure.message}`), context);
    expect(decoded.title).toBe("A system-assigned identity cannot be a federated credential");
    expect(decoded.cause).toContain("Only user-assigned managed identities");
  });

  it("reads AADSTS7002138 and 7002121 with the values Entra quotes", () => {
    const caseOnly = aadsts.ficSubjectCaseMismatch("A9E00000-0000-4000-8000-0000000000C2");
    const decodedCase = decodeEntraError(new Error(`AADSTS${caseOnly.code}: ${caseOnly.message}`), { ...context, miPrincipalId: "a9e00000-0000-4000-8000-0000000000c2" });
    expect(decodedCase.cause).toContain("only when case is ignored");
    expect(decodedCase.expected).toContain("a9e00000-0000-4000-8000-0000000000c2");
    const audience = aadsts.noFicForEntraAudience("https://management.azure.com/");
    const decodedAudience = decodeEntraError(new Error(`AADSTS${audience.code}: ${audience.message}`), context);
    expect(decodedAudience.configured).toBe("assertion audience = https://management.azure.com/");
    expect(decodedAudience.fix).toContain("do not edit the credential's audience");
  });
});
