import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aadsts } from "./entra/error-catalogue";
import { ADO_ERROR_CODES, sandboxErrorCodes } from "./error-codes";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const codeOutsideComments = (file: string, pattern: RegExp) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
    .flatMap((line) => [...line.matchAll(pattern)].map((match) => match[1]!));

describe("the sandbox's error codes", () => {
  it("lists every code an Entra catalogue entry answers, and the new fidelity codes among them", () => {
    const { entra } = sandboxErrorCodes();
    expect(entra).toHaveLength(new Set(Object.values(aadsts).map((entry) => (entry as (...a: unknown[]) => { code: number })(new Date(0), new Date(0), new Date(0), new Date(0)).code)).size);
    expect(entra).toEqual(expect.arrayContaining(["AADSTS7002138", "AADSTS7002121", "AADSTS700226", "AADSTS500011", "AADSTS700213"]));
  });

  it("answers Entra errors only through the catalogue", () => {
    const offenders = sources(path.join(__dirname, "entra"))
      .concat(sources(path.join(__dirname, "mi")))
      .filter((file) => !file.endsWith("error-catalogue.ts"))
      .flatMap((file) => codeOutsideComments(file, /\bcode:\s*(\d{5,})/g).map((code) => `${path.basename(file)}: ${code}`));
    expect(offenders).toEqual([]);
  });

  it("lists every TF and VS code the Azure DevOps service answers", () => {
    const answered = new Set(sources(path.join(__dirname, "ado")).flatMap((file) => codeOutsideComments(file, /\b((?:TF|VS)\d{5,6}):/g)));
    expect([...answered].sort()).toEqual([...ADO_ERROR_CODES].sort());
  });
});
