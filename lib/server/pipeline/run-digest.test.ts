import { describe, expect, it } from "vitest";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { decodedCheck, passCheck } from "./check-results";
import { runDigest, type DigestInput } from "./run-digest";

const head = { key: "ado-call", label: "Call Azure DevOps as that identity" };
const run = (checks: CheckResultDto[], changes: Partial<DigestInput> = {}): DigestInput => ({ kind: "chain", authMethod: "mi_fic", settingsKey: "k1", outcome: "pass", checks, ...changes });
const denied = (fix: string) => decodedCheck(head, { code: "TF401444", title: "Not a member", cause: "The identity is not in the organization.", fix, raw: "401" }, 40, "fail");

describe("a run's digest", () => {
  it("is the same for two runs that found the same thing at other times, with other tokens and trace ids", () => {
    const first = { ...passCheck(head, "Token valid until 10:00", 120), traceId: "a".repeat(32) };
    const second = { ...passCheck(head, "Token valid until 10:15", 95), traceId: "b".repeat(32), raw: "{}", retryAfterMs: 2000 };
    expect(runDigest(run([first]))).toBe(runDigest(run([second])));
  });

  it("differs when a check's result, code or fix, the outcome, the settings, the method or the kind of run differ", () => {
    const base = runDigest(run([denied("Add the identity to the organization.")], { outcome: "fail" }));
    const others = [
      run([denied("Add the identity as a Basic user.")], { outcome: "fail" }),
      run([{ ...denied("Add the identity to the organization."), code: "TF400813" }], { outcome: "fail" }),
      run([{ ...denied("Add the identity to the organization."), status: "unknown" }], { outcome: "unknown" }),
      run([denied("Add the identity to the organization.")], { outcome: "fail", settingsKey: "k2" }),
      run([denied("Add the identity to the organization.")], { outcome: "fail", authMethod: "pat" }),
      run([denied("Add the identity to the organization.")], { outcome: "fail", kind: "sources" }),
      run([passCheck(head, "fine", 1)]),
    ].map(runDigest);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});
