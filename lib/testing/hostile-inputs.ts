// Values an attacker or a broken client sends: lone surrogates, NUL and control characters,
// percent debris, prototype keys, 1 MB strings, numbers JSON can carry but nobody means, the wrong
// type for every field, and bodies that are not the JSON object a route expects.
import fc from "fast-check";

export const MEGABYTE_STRING = "x".repeat(1 << 20);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "\ud800",
    "\udfff",
    "litware\ud83d",
    "\udc00litware",
    "\u0000",
    "nul\u0000inside",
    "\u001b[31m",
    "%",
    "%E0%A4%A",
    "%00",
    "../../etc/passwd",
    "__proto__",
    "constructor",
    "' OR 1=1 --",
    "\\",
    "<script>alert(1)</script>",
    "\u202eevil",
    "\ufeff",
    "😀".repeat(60),
    " ",
    "",
    "0",
    "null",
    "NaN",
    "-1",
    "1e309",
  ),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: fc.constantFrom("\ud800", "\udc00", "a", "\u0000", "%", "/", "\u2028"), maxLength: 40 }),
  fc.constantFrom(65, 300, 513, 4097, 70_000).map((length) => "a".repeat(length)),
  fc.constant(MEGABYTE_STRING),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, 1e308, -1e308, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const json = fc.jsonValue({ maxDepth: 2 });

/** Any JSON value of the wrong kind, or a hostile one of the right kind. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: null }) },
  { weight: 1, arbitrary: fc.array(json, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map((depth) => nest(depth)) },
);

function nest(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Raw request bodies that are not a JSON object of the route's shape. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "not json", "{", "}", "null", "[]", "0", '"text"', "1e999", '{"a":1,}', "{'a':1}", "\ufeff{}", "{}"),
  // Deep nesting just under the 64 KiB body limit, and far beyond it.
  fc.constantFrom(20_000, 40_000).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  fc.constantFrom(8_000).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  fc.constant(JSON.stringify({ big: MEGABYTE_STRING })),
  json.map((value) => JSON.stringify(value)),
);

/** Every leaf path of a JSON value (arrays by index), so one leaf can be replaced. */
export function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length === 0 ? [prefix] : value.flatMap((item, index) => leafPaths(item, [...prefix, index]));
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0 ? [prefix] : keys.flatMap((key) => leafPaths((value as Record<string, unknown>)[key], [...prefix, key]));
  }
  return [prefix];
}

/** A copy of `value` with the leaf at `path` replaced (an empty path replaces the whole value). */
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}
