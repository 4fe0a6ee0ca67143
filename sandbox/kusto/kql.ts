// The KQL subset the sandbox executes: `print a=1, b="x"` and a table followed by any of
// `where Col <op> literal [and …]`, `take|limit N`, `count`, `project A, B`,
// `sort|order by Col [asc|desc]` and `summarize count() by Col`. Anything else gets a clean
// General_BadRequest naming what the subset supports, never a wrong answer.
import type { KustoColumnType, KustoScalar, KustoTable } from "../world/kusto";
import { KqlSyntaxError, tokenize, type KqlToken } from "./kql-lexer";

export type ResultColumn = { name: string; type: KustoColumnType };
export type ResultTable = { columns: ResultColumn[]; rows: KustoScalar[][] };

/** A semantic error (SEM0100), e.g. an unknown table or column. */
export class KqlSemanticError extends Error {}
export { KqlSyntaxError };

const SUPPORTED = "print, where, take, limit, count, project, sort by, order by, summarize count() by";

class Cursor {
  private index = 0;
  constructor(private readonly tokens: KqlToken[]) {}
  peek(): KqlToken | undefined {
    return this.tokens[this.index];
  }
  next(): KqlToken {
    const token = this.tokens[this.index++];
    if (!token) throw new KqlSyntaxError("SYN0002: The query ended unexpectedly.");
    return token;
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
  isSymbol(text: string): boolean {
    const token = this.peek();
    return token?.kind === "symbol" && token.text === text;
  }
  isWord(text: string): boolean {
    const token = this.peek();
    return token?.kind === "identifier" && token.text.toLowerCase() === text;
  }
  expectSymbol(text: string): void {
    const token = this.next();
    if (token.kind !== "symbol" || token.text !== text) throw new KqlSyntaxError(`SYN0002: Expected '${text}'.`);
  }
  identifier(): string {
    const token = this.next();
    if (token.kind !== "identifier") throw new KqlSyntaxError("SYN0002: Expected a name.");
    return token.text;
  }
}

type Literal = { value: KustoScalar; type: KustoColumnType; epoch?: number };

function literal(cursor: Cursor): Literal {
  const token = cursor.next();
  if (token.kind === "number") return { value: token.value, type: token.isReal ? "real" : "long" };
  if (token.kind === "string") return { value: token.value, type: "string" };
  if (token.kind === "datetime") {
    const epoch = Date.parse(token.text);
    if (Number.isNaN(epoch)) throw new KqlSyntaxError(`SYN0002: '${token.text}' is not a datetime.`);
    return { value: new Date(epoch).toISOString(), type: "datetime", epoch };
  }
  if (token.kind === "identifier") {
    const word = token.text.toLowerCase();
    if (word === "true" || word === "false") return { value: word === "true", type: "bool" };
  }
  throw new KqlSyntaxError("SYN0002: Expected a literal value.");
}

export function runKql(query: string, tables: readonly KustoTable[]): ResultTable {
  const tokens = tokenize(query.trim().replace(/;\s*$/, ""));
  const cursor = new Cursor(tokens);
  if (cursor.isWord("print")) {
    cursor.next();
    return print(cursor);
  }
  const name = cursor.identifier();
  // Table names are case-sensitive in Kusto.
  const table = tables.find((candidate) => candidate.name === name);
  if (!table) throw new KqlSemanticError(`SEM0100: 'table' operator: Failed to resolve table expression named '${name}'`);
  let result: ResultTable = { columns: table.columns.map((column) => ({ ...column })), rows: table.rows.map((row) => [...row]) };
  while (!cursor.done()) {
    cursor.expectSymbol("|");
    result = applyOperator(cursor, result);
  }
  return result;
}

function print(cursor: Cursor): ResultTable {
  const columns: ResultColumn[] = [];
  const row: KustoScalar[] = [];
  do {
    if (columns.length > 0) cursor.expectSymbol(",");
    let name = `print_${columns.length}`;
    const first = cursor.peek();
    if (first?.kind === "identifier" && !["true", "false"].includes(first.text.toLowerCase())) {
      name = cursor.identifier();
      cursor.expectSymbol("=");
    }
    const value = literal(cursor);
    columns.push({ name, type: value.type });
    row.push(value.value);
  } while (cursor.isSymbol(","));
  if (!cursor.done()) throw new KqlSyntaxError("SYN0002: Unexpected text after print.");
  return { columns, rows: [row] };
}

function columnIndex(result: ResultTable, name: string, operator: string): number {
  const index = result.columns.findIndex((column) => column.name === name);
  if (index < 0) throw new KqlSemanticError(`SEM0100: '${operator}' operator: Failed to resolve scalar expression named '${name}'`);
  return index;
}

function applyOperator(cursor: Cursor, input: ResultTable): ResultTable {
  const operator = cursor.identifier().toLowerCase();
  switch (operator) {
    case "where":
      return where(cursor, input);
    case "take":
    case "limit": {
      const count = cursor.next();
      if (count.kind !== "number" || count.isReal) throw new KqlSyntaxError(`SYN0002: '${operator}' needs a whole number.`);
      return { columns: input.columns, rows: input.rows.slice(0, count.value) };
    }
    case "count":
      return { columns: [{ name: "Count", type: "long" }], rows: [[input.rows.length]] };
    case "project": {
      const indexes: number[] = [];
      do {
        if (indexes.length > 0) cursor.expectSymbol(",");
        indexes.push(columnIndex(input, cursor.identifier(), "project"));
      } while (cursor.isSymbol(","));
      return {
        columns: indexes.map((index) => input.columns[index] as ResultColumn),
        rows: input.rows.map((row) => indexes.map((index) => row[index] ?? null)),
      };
    }
    case "sort":
    case "order":
      return sort(cursor, input, operator);
    case "summarize":
      return summarizeCount(cursor, input);
    default:
      throw new KqlSyntaxError(`SYN0002: The sandbox's query subset does not support '${operator}'. Supported: ${SUPPORTED}.`);
  }
}

type Comparison = "==" | "!=" | "=~" | "!~" | ">" | "<" | ">=" | "<=" | "contains" | "has" | "startswith";

function where(cursor: Cursor, input: ResultTable): ResultTable {
  const predicates: ((row: KustoScalar[]) => boolean)[] = [];
  do {
    if (predicates.length > 0) cursor.next();
    const index = columnIndex(input, cursor.identifier(), "where");
    const token = cursor.next();
    const comparison = (token.kind === "symbol" ? token.text : token.kind === "identifier" ? token.text.toLowerCase() : "") as Comparison;
    if (!["==", "!=", "=~", "!~", ">", "<", ">=", "<=", "contains", "has", "startswith"].includes(comparison)) {
      throw new KqlSyntaxError("SYN0002: Expected a comparison (==, !=, =~, !~, <, >, <=, >=, contains, has, startswith).");
    }
    const value = literal(cursor);
    const type = input.columns[index]?.type;
    predicates.push((row) => compare(row[index] ?? null, type, comparison, value));
  } while (cursor.isWord("and"));
  return { columns: input.columns, rows: input.rows.filter((row) => predicates.every((predicate) => predicate(row))) };
}

function compare(cell: KustoScalar, type: KustoColumnType | undefined, comparison: Comparison, literalValue: Literal): boolean {
  const left = type === "datetime" && typeof cell === "string" ? Date.parse(cell) : cell;
  const right = literalValue.epoch ?? literalValue.value;
  const text = (value: unknown) => String(value ?? "").toLowerCase();
  switch (comparison) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "=~":
      return text(left) === text(right);
    case "!~":
      return text(left) !== text(right);
    case "contains":
      return text(left).includes(text(right));
    case "has":
      return text(left)
        .split(/[^a-z0-9_]+/)
        .includes(text(right));
    case "startswith":
      return text(left).startsWith(text(right));
    default: {
      if (left === null || right === null) return false;
      const ordered = left < right ? -1 : left > right ? 1 : 0;
      return comparison === ">" ? ordered > 0 : comparison === "<" ? ordered < 0 : comparison === ">=" ? ordered >= 0 : ordered <= 0;
    }
  }
}

function sort(cursor: Cursor, input: ResultTable, operator: string): ResultTable {
  if (!cursor.isWord("by")) throw new KqlSyntaxError(`SYN0002: Expected 'by' after '${operator}'.`);
  cursor.next();
  const index = columnIndex(input, cursor.identifier(), operator);
  let descending = true; // Kusto sorts descending unless told otherwise.
  if (cursor.isWord("asc") || cursor.isWord("desc")) descending = cursor.identifier().toLowerCase() === "desc";
  const rows = [...input.rows].sort((a, b) => {
    const left = a[index] ?? null;
    const right = b[index] ?? null;
    const ordered = left === right ? 0 : left === null ? -1 : right === null ? 1 : left < right ? -1 : 1;
    return descending ? -ordered : ordered;
  });
  return { columns: input.columns, rows };
}

function summarizeCount(cursor: Cursor, input: ResultTable): ResultTable {
  const fn = cursor.identifier();
  if (fn.toLowerCase() !== "count") throw new KqlSyntaxError(`SYN0002: The sandbox's query subset supports only count() in summarize, not '${fn}'.`);
  cursor.expectSymbol("(");
  cursor.expectSymbol(")");
  if (cursor.done() || cursor.isSymbol("|")) return { columns: [{ name: "count_", type: "long" }], rows: [[input.rows.length]] };
  if (!cursor.isWord("by")) throw new KqlSyntaxError("SYN0002: Expected 'by' after count().");
  cursor.next();
  const index = columnIndex(input, cursor.identifier(), "summarize");
  const groups = new Map<KustoScalar, number>();
  for (const row of input.rows) groups.set(row[index] ?? null, (groups.get(row[index] ?? null) ?? 0) + 1);
  return {
    columns: [input.columns[index] as ResultColumn, { name: "count_", type: "long" }],
    rows: [...groups.entries()].map(([key, count]) => [key, count]),
  };
}
