import { describe, expect, it } from "vitest";
import { readCookie } from "./session-cookie";

describe("readCookie", () => {
  it("decodes the named cookie among others", () => {
    expect(readCookie("a=1; tb_session=abc%2Fdef; b=2", "tb_session")).toBe("abc/def");
    expect(readCookie("a=1", "tb_session")).toBeUndefined();
    expect(readCookie(null, "tb_session")).toBeUndefined();
  });

  it("treats a malformed percent escape as no cookie instead of throwing", () => {
    for (const value of ["%", "%E0%A4%A", "%zz", "abc%", "%D8%00"]) {
      expect(() => readCookie(`tb_session=${value}`, "tb_session")).not.toThrow();
      expect(readCookie(`tb_session=${value}`, "tb_session")).toBeUndefined();
    }
  });
});
