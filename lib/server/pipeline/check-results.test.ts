import { describe, expect, it } from "vitest";
import { checkFromOutcome, scrubSecrets, skippedCheck } from "./check-results";
import type { Hop } from "./chain-hop";

const hop: Hop = { key: "ado-call", label: "Call Azure DevOps with the PAT", run: async () => ({ status: "pass", detail: "" }) };

describe("check results", () => {
  it("removes the PAT, its Basic encoding and a bearer token from every text of every check", () => {
    const pat = "canary-pat-value-0123456789";
    const basic = Buffer.from(`:${pat}`).toString("base64");
    const leaky = checkFromOutcome(hop, { status: "fail", error: { code: "x", title: pat, cause: `Basic ${basic}`, fix: "f", raw: `echo ${pat}` } }, 5);
    const [scrubbed] = scrubSecrets([leaky], { authorization: `Basic ${basic}` });
    expect(JSON.stringify(scrubbed)).not.toContain(pat);
    expect(JSON.stringify(scrubbed)).not.toContain(basic);
    const [bearer] = scrubSecrets([checkFromOutcome(hop, { status: "pass", detail: "token canary-bearer-token-xyz" }, 1)], { authorization: "Bearer canary-bearer-token-xyz" });
    expect(bearer!.detail).toBe("token [redacted]");
  });

  it("says why a check was skipped", () => {
    expect(skippedCheck(hop, "Skipped because “x” did not pass.")).toMatchObject({ status: "skipped", durationMs: null, cause: "Skipped because “x” did not pass." });
  });
});
