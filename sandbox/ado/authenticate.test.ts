import { describe, expect, it } from "vitest";
import { patAllows } from "./authenticate";

describe("patAllows", () => {
  it("lets wider scopes cover narrower ones of the same area", () => {
    expect(patAllows(["vso.code_write"], "vso.code")).toBe(true);
    expect(patAllows(["vso.code_full"], "vso.code_write")).toBe(true);
    expect(patAllows(["vso.work_write"], "vso.work")).toBe(true);
  });

  it("refuses narrower scopes and other areas", () => {
    expect(patAllows(["vso.code"], "vso.code_write")).toBe(false);
    expect(patAllows(["vso.code"], "vso.work")).toBe(false);
    expect(patAllows(["vso.work"], "vso.work_write")).toBe(false);
  });

  it("treats full-access PATs, Entra tokens and scope-free routes as allowed", () => {
    expect(patAllows(["app_token"], "vso.work_write")).toBe(true);
    expect(patAllows(null, "vso.work_write")).toBe(true);
    expect(patAllows(["vso.code"], null)).toBe(true);
  });
});
