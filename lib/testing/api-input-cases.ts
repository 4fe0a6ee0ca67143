// The request a property test sends to one route: who calls, from which origin, with which path
// segments, query string and body. Generated from the route's own zod contracts (near-valid
// values reach the handlers) mixed with hostile values (lib/testing/hostile-inputs.ts).
import fc from "fast-check";
import type { z } from "zod";
import type { ApiRoute } from "./api-routes";
import { hostileBodyText, hostileString, hostileValue, leafPaths, replaceAt } from "./hostile-inputs";
import { zodArbitrary } from "./zod-arbitrary";

export const callers = ["admin", "reader", "signed-out", "malformed-cookie", "garbage-cookie", "admin-with-junk-cookie"] as const;
export type Caller = (typeof callers)[number];

/** "known" is resolved when the case runs: an id that exists in the database at that moment. */
export type Segment = { kind: "known" } | { kind: "literal"; value: string };

export type Body = { text: string | Uint8Array; contentType: string | null; mutatedPath?: (string | number)[] };

export type ApiInputCase = {
  route: number;
  caller: Caller;
  foreignOrigin: boolean;
  segments: Segment[];
  query: [string, string][];
  body: Body | null;
  /** Put the record's current version into the body or query, so writes get past the version check. */
  aimVersion: boolean;
  /**
   * Appended after the caller's cookie (the first tb_session wins), so it never changes who calls.
   * Not __Host-tb_session: that one is read first, so junk there signs anyone out, by design.
   */
  extraCookie: string | null;
};

const JSON_TYPE = "application/json";

// Next.js hands handlers decoded segments, and a URL cannot carry a lone surrogate.
const segmentText = fc.oneof(hostileString, fc.string({ maxLength: 30 })).map((value) => value.toWellFormed().slice(0, 8_000));
const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "known" as const }) },
  { weight: 4, arbitrary: segmentText.map((value) => ({ kind: "literal" as const, value })) },
  { weight: 1, arbitrary: fc.constantFrom("Payments", "payments-api", "cl0000000000000000000000").map((value) => ({ kind: "literal" as const, value })) },
);

// Cookie values a header can carry (Latin-1): raw cookie syntax debris, or a hostile value percent-encoded.
const cookieValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'%;=," abcAZ09._-~\\'.split("")), maxLength: 40 }),
  hostileString.map((value) => encodeURIComponent(value.toWellFormed()).slice(0, 4096)),
  fc.constantFrom("__proto__.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "k1.%", "%E0%A4%A", "k1."),
);
const extraCookie = fc.option(
  fc.tuple(fc.constantFrom("tb_session", "tb_oauth_flow", "tb_signin_nonce", "__proto__", "x"), cookieValue).map(([name, value]) => `${name}=${value}`),
  { nil: null, freq: 2 },
);

const json = (value: unknown, mutatedPath?: (string | number)[]): Body => ({ text: JSON.stringify(value) ?? "null", contentType: JSON_TYPE, mutatedPath });

function bodyFor(schema: z.ZodType): fc.Arbitrary<Body> {
  const valid = zodArbitrary(schema);
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => json(value)) },
    {
      weight: 5,
      arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([value, index, replacement]) => {
        const paths = leafPaths(value);
        const path = paths[index % paths.length]!;
        return json(replaceAt(value, path, replacement), path);
      }),
    },
    {
      // A key JSON.parse keeps as an own property: __proto__ must not reach an object's prototype.
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom("__proto__", "constructor", "prototype", "toString", "extra"), hostileValue).map(([value, key, extra]) => {
        const text = JSON.stringify(value) ?? "null";
        return { text: text.startsWith("{") && text !== "{}" ? `{${JSON.stringify(key)}:${JSON.stringify(extra) ?? "null"},${text.slice(1)}` : text, contentType: JSON_TYPE };
      }),
    },
    { weight: 2, arbitrary: hostileBodyText.map((text) => ({ text, contentType: JSON_TYPE })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "APPLICATION/JSON"))
        .map(([value, contentType]) => ({ text: JSON.stringify(value) ?? "", contentType })),
    },
    // Invalid UTF-8 (an encoded surrogate half and a stray continuation byte) inside a string.
    { weight: 1, arbitrary: fc.constant({ text: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x80, 0x22, 0x7d]), contentType: JSON_TYPE }) },
  );
}

function queryFor(schema: z.ZodObject | undefined, isOauthCallback: boolean): fc.Arbitrary<[string, string][]> {
  const entries = (value: unknown) => Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, String(item)] as [string, string]);
  const hostileEntries = fc.array(fc.tuple(fc.constantFrom("take", "page", "version", "status", "x", "__proto__", ""), hostileString), { maxLength: 3 });
  if (isOauthCallback) {
    const text = (max: number) =>
      fc.oneof(
        fc.string({ maxLength: 40 }),
        hostileString,
        fc.integer({ min: max - 2, max: max + 2 }).map((length) => "s".repeat(length)),
      );
    return fc
      .tuple(fc.record({ code: text(4096), state: text(512), error: text(200), error_description: text(4096) }, { requiredKeys: [] }), hostileEntries)
      .map(([query, extra]) => [...entries(query), ...extra]);
  }
  if (!schema) return hostileEntries;
  const valid = zodArbitrary(schema, { asQuery: true }).map(entries);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 4,
      arbitrary: fc.tuple(valid, fc.nat(), hostileString).map(([list, index, value]): [string, string][] => {
        if (list.length === 0) return [["take", value]];
        const copy = [...list];
        copy[index % copy.length] = [copy[index % copy.length]![0], value];
        return copy;
      }),
    },
    { weight: 1, arbitrary: fc.tuple(valid, hostileEntries).map(([list, extra]) => [...list, ...extra]) },
  );
}

/** Cases for every route; `route` indexes `routes`. */
export function apiInputCase(routes: ApiRoute[]): fc.Arbitrary<ApiInputCase> {
  // Built once per route: compiling the contracts' regexes for every case would dominate the run.
  const perRoute = routes.map((route, index) => {
    const body =
      route.method === "get"
        ? fc.constant(null)
        : route.operation.body
          ? bodyFor(route.operation.body)
          : fc.option(
              hostileBodyText.map((text) => ({ text, contentType: JSON_TYPE })),
              { nil: null },
            );
    return fc.record({
      route: fc.constant(index),
      caller: fc.oneof({ weight: 5, arbitrary: fc.constant<Caller>("admin") }, { weight: 4, arbitrary: fc.constantFrom<Caller>(...callers) }),
      foreignOrigin: fc.nat(9).map((draw) => draw === 0),
      segments: fc.array(segment, { minLength: route.params.length, maxLength: route.params.length }),
      query: queryFor(route.operation.query, route.path === "/api/oauth/callback"),
      body,
      aimVersion: fc.boolean(),
      extraCookie,
    });
  });
  return fc.nat(routes.length - 1).chain((index) => perRoute[index]!);
}
