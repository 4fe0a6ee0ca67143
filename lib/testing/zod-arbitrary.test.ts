import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiOperations } from "@/lib/server/openapi/api-operations";
import { zodArbitrary } from "./zod-arbitrary";

describe("zodArbitrary", () => {
  it("follows lengths, integer bounds, enums, nullables and optional keys", () => {
    const schema = z.object({ name: z.string().min(2).max(5), count: z.number().int().positive().max(9), kind: z.enum(["a", "b"]), note: z.string().nullable().optional() }).strict();
    for (const value of fc.sample(zodArbitrary(schema), 200)) expect(schema.safeParse(value).success).toBe(true);
  });

  it("turns scalars into strings for query strings", () => {
    const schema = z.object({ page: z.coerce.number().int().min(1).max(9), flag: z.enum(["on"]).optional() }).strict();
    for (const value of fc.sample(zodArbitrary(schema, { asQuery: true }), 100) as Record<string, unknown>[]) {
      expect(typeof value.page).toBe("string");
      expect(schema.safeParse(value).success).toBe(true);
    }
  });

  // Refinements are not modelled, so not every sample is valid; each route's contract must still
  // be reachable, or the property test would never get past the parser.
  const schemas = apiOperations.flatMap((operation) => [
    ...(operation.body ? [[`${operation.method} ${operation.path} body`, operation.body, false] as const] : []),
    ...(operation.query ? [[`${operation.method} ${operation.path} query`, operation.query, true] as const] : []),
  ]);
  it.each(schemas)("reaches values that %s accepts", (_name, schema, asQuery) => {
    const samples = fc.sample(zodArbitrary(schema, { asQuery }), { numRuns: 300, seed: 42 });
    expect(samples.filter((value) => schema.safeParse(value).success).length).toBeGreaterThan(0);
  });
});
