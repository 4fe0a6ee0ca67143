// Every button whose action is JavaScript is a ScriptButton (directly or through Button's
// onClick), disabled until the page is hydrated: a click on the server-rendered page would
// otherwise do nothing and say nothing. The components are read from the file system, so a new
// one cannot forget; a plain <button> is left only as a form's submit button (GET filter forms,
// which work without JavaScript).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const allowed = new Set(["components/ui/script-button.tsx"]);

function tsxFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".tsx"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** `file:line` of each intrinsic <button> that has an onClick or is not a submit button. */
export function plainScriptButtons(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === "button") {
      const attributes = node.attributes.properties.filter(ts.isJsxAttribute);
      const named = (name: string) => attributes.find((attribute) => attribute.name.getText(source) === name);
      const type = named("type")?.initializer;
      const submit = type !== undefined && ts.isStringLiteral(type) && type.text === "submit";
      if (named("onClick") || !submit) found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("buttons whose action is JavaScript", () => {
  it("finds a plain button with an onClick, and one without a type", () => {
    expect(plainScriptButtons("a.tsx", `export const A = () => <div>\n<button type="button" onClick={() => 1}>Go</button></div>;`)).toEqual(["a.tsx:2"]);
    expect(plainScriptButtons("b.tsx", `export const B = () => <button>Go</button>;`)).toEqual(["b.tsx:1"]);
    expect(plainScriptButtons("c.tsx", `export const C = () => <form><button type="submit">Filter</button><ScriptButton onClick={f} /></form>;`)).toEqual([]);
  });

  it("are ScriptButtons in every page and component", () => {
    const files = [...tsxFiles("app"), ...tsxFiles("components")].filter((file) => !allowed.has(file));
    expect(files.length).toBeGreaterThan(50);
    const plain = files.flatMap((file) => plainScriptButtons(file, readFileSync(path.join(root, file), "utf8")));
    expect(plain).toEqual([]);
  });
});
