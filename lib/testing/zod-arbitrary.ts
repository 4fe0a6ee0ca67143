// A fast-check arbitrary for a zod 4 schema: values shaped like what the schema accepts (right
// keys, types, lengths, enum members, regex-matching strings), so property tests reach past the
// parser into the handlers. It aims near the valid set rather than exactly at it: refinements are
// ignored and lengths are clamped after a regex, and the tests decide validity with the schema
// itself. Written here because zod-fast-check (0.10) supports only zod 3 and fast-check < 4, and
// neither zod nor fast-check ships a bridge for zod 4.
import fc from "fast-check";
import type { z } from "zod";

type CheckDef = { check: string; minimum?: number; maximum?: number; length?: number; value?: number | bigint; inclusive?: boolean; format?: string; pattern?: RegExp };
type Def = {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  valueType?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((check) => check._zod.def);

function lengthBounds(checks: CheckDef[], fallbackMax: number): { min: number; max: number } {
  let min = 0;
  let max = Infinity;
  for (const check of checks) {
    if (check.check === "min_length" && check.minimum !== undefined) min = Math.max(min, check.minimum);
    if (check.check === "max_length" && check.maximum !== undefined) max = Math.min(max, check.maximum);
    if (check.check === "length_equals" && check.length !== undefined) min = max = check.length;
  }
  return { min, max: Math.max(min, Math.min(max, min + fallbackMax)) };
}

function stringArbitrary(checks: CheckDef[]): fc.Arbitrary<string> {
  const { min, max } = lengthBounds(checks, 40);
  const format = checks.find((check) => check.check === "string_format");
  if (format?.format === "url") return fc.webUrl().map((url) => url.slice(0, max));
  if (format?.pattern) {
    // A regex with a lookahead or flags fast-check cannot read falls back to plain strings.
    try {
      // Repeating keeps a character-class pattern matched while reaching a minimum length.
      return fc.stringMatching(format.pattern, { size: "small" }).map((value) => (value.length > 0 && value.length < min ? value.repeat(Math.ceil(min / value.length)) : value).slice(0, max));
    } catch {
      // fall through
    }
  }
  // Mostly ASCII; sometimes any code point (a pair counts twice in zod's length, hence the filter).
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: max, unit: "binary" }).filter((value) => value.length <= max) },
  );
}

function numberArbitrary(checks: CheckDef[]): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  let integer = false;
  for (const check of checks) {
    if (check.check === "number_format") integer = true;
    if (check.check === "greater_than") min = Number(check.value) + (check.inclusive ? 0 : integer ? 1 : 1e-9);
    if (check.check === "less_than") max = Number(check.value) - (check.inclusive ? 0 : integer ? 1 : 1e-9);
  }
  if (integer || checks.some((check) => check.check === "number_format")) {
    return fc.integer({ min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER) });
  }
  return fc.double({ min, max, noNaN: true });
}

/** Values near what `schema` accepts; `asQuery` turns scalars into strings, as a query string would carry them. */
export function zodArbitrary(schema: z.ZodType, options: { asQuery?: boolean } = {}): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const checks = checksOf(def);
  const scalar = <T>(arbitrary: fc.Arbitrary<T>) => (options.asQuery ? arbitrary.map((value) => String(value)) : arbitrary);
  switch (def.type) {
    case "string":
      return stringArbitrary(checks);
    case "number":
      return scalar(numberArbitrary(checks));
    case "boolean":
      return scalar(fc.boolean());
    case "literal":
      return scalar(fc.constantFrom(...(def.values ?? [])));
    case "enum":
      return scalar(fc.constantFrom(...Object.values(def.entries ?? {})));
    case "optional":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return zodArbitrary(def.innerType!, options);
    case "nullable":
      return fc.option(zodArbitrary(def.innerType!, options), { nil: null, freq: 4 });
    case "pipe":
      return zodArbitrary(def.in!, options);
    case "array": {
      const { min, max } = lengthBounds(checks, 4);
      return fc.array(zodArbitrary(def.element!, options), { minLength: min, maxLength: max });
    }
    case "union":
      return fc.oneof(...(def.options ?? []).map((option) => zodArbitrary(option, options)));
    case "object": {
      const shape = def.shape ?? {};
      const keys = Object.keys(shape);
      const requiredKeys = keys.filter((key) => !["optional", "default", "prefault"].includes(defOf(shape[key]!).type));
      const fields = Object.fromEntries(keys.map((key) => [key, zodArbitrary(shape[key]!, options)]));
      return fc.record(fields, { requiredKeys });
    }
    case "record":
      return fc.dictionary(fc.string({ maxLength: 10 }), zodArbitrary(def.valueType!, options), { maxKeys: 3 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
