import { describe, expect, it } from "vitest";
import { propagationExplains, propagationNote } from "./propagation";

const now = Date.parse("2026-12-01T10:00:00Z");
const decoded = { code: "AADSTS700213", title: "t", cause: "No credential has this subject.", fix: "Set the subject.", raw: "r" };

describe("propagation", () => {
  it("names what may still be propagating for codes a fresh change produces, and nothing for others", () => {
    expect(propagationExplains("AADSTS700213")).toBe("a new federated credential");
    expect(propagationExplains("AADSTS700016")).toContain("service principal");
    expect(propagationExplains("TF401444")).toContain("membership");
    expect(propagationExplains("AADSTS7002138")).toBeNull();
    expect(propagationExplains("AADSTS700236")).toBeNull();
    expect(propagationExplains(null)).toBeNull();
  });

  it("adds the note only shortly after a change that explains the code, keeping the original cause and fix", () => {
    const noted = propagationNote(decoded, { at: new Date(now - 42_000), action: "connector.fic_created" }, now);
    expect(noted.cause).toBe(
      "No credential has this subject. This connector changed 42 s ago, and a new federated credential can take a few minutes to take effect in Entra ID and the service, with exactly this error until then.",
    );
    expect(noted.fix).toBe("If the values are right, wait a few minutes: the chain test retries by itself. Otherwise: Set the subject.");
    expect(propagationNote(decoded, null, now)).toBe(decoded);
    expect(propagationNote({ ...decoded, code: "AADSTS700236" }, { at: new Date(now - 1000), action: "connector.fic_created" }, now).cause).toBe(decoded.cause);
    // A consent explains 700016, not a new credential's 700213.
    expect(propagationNote(decoded, { at: new Date(now - 1000), action: "connector.consented" }, now)).toBe(decoded);
    expect(propagationNote({ ...decoded, code: "AADSTS700016" }, { at: new Date(now - 1000), action: "connector.consented" }, now).cause).toContain("admin consent");
  });
});
