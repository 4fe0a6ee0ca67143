import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultWorld } from "./default";
import { WORLD_SCHEMA_PATH, worldJsonSchema } from "./json-schema";
import { parseWorld } from "./load-world";

describe("world schema", () => {
  it("sandbox/world.schema.json is up to date (run `npm run sandbox:schema`)", () => {
    expect(readFileSync(WORLD_SCHEMA_PATH, "utf8")).toBe(worldJsonSchema());
  });

  it("accepts the default world and its own JSON round trip", () => {
    const world = defaultWorld();
    expect(parseWorld(world).ok).toBe(true);
    expect(parseWorld(JSON.parse(JSON.stringify(world))).ok).toBe(true);
  });

  it("reports cross-references that do not resolve", () => {
    const world = defaultWorld();
    world.users.push({ ...world.users[0]!, oid: "00000000-0000-4000-8000-0000000000cc", upn: "ghost@nowhere.example", tenantId: "00000000-0000-4000-8000-0000000000dd" });
    const result = parseWorld(world);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ path: ["users", 6, "tenantId"], message: "unknown tenant 00000000-0000-4000-8000-0000000000dd" });
  });
});
