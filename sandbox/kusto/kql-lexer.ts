// Tokens of the KQL subset the sandbox runs. Kusto comments start with // and run to the end of
// the line; strings use double or single quotes with backslash escapes.

export type KqlToken =
  | { kind: "identifier"; text: string }
  | { kind: "number"; value: number; isReal: boolean }
  | { kind: "string"; value: string }
  /** `datetime(2025-01-06)`: its raw text, since the date is not itself a KQL token. */
  | { kind: "datetime"; text: string }
  | { kind: "symbol"; text: string };

export class KqlSyntaxError extends Error {}

const SYMBOLS = ["==", "!=", "=~", "!~", ">=", "<=", "|", ">", "<", "=", ",", "(", ")", ";"];

export function tokenize(source: string): KqlToken[] {
  const tokens: KqlToken[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const space = /^(\s+|\/\/[^\n]*)/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const identifier = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const datetime = /^datetime\s*\(([^)]*)\)/i.exec(rest);
    if (datetime) {
      tokens.push({ kind: "datetime", text: (datetime[1] as string).trim() });
      index += datetime[0].length;
      continue;
    }
    if (identifier) {
      tokens.push({ kind: "identifier", text: identifier[0] });
      index += identifier[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]), isReal: number[1] !== undefined });
      index += number[0].length;
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let value = "";
      let cursor = 1;
      while (cursor < rest.length && rest[cursor] !== quote) {
        if (rest[cursor] === "\\" && cursor + 1 < rest.length) cursor++;
        value += rest[cursor];
        cursor++;
      }
      if (cursor >= rest.length) throw new KqlSyntaxError("SYN0002: Unterminated string literal.");
      tokens.push({ kind: "string", value });
      index += cursor + 1;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw new KqlSyntaxError(`SYN0002: A recognition error occurred in the query at '${rest.slice(0, 20)}'.`);
    tokens.push({ kind: "symbol", text: symbol });
    index += symbol.length;
  }
  return tokens;
}
