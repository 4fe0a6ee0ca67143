// The world document's published JSON Schema, generated from the zod schema so the two cannot
// drift (a unit test compares it with sandbox/world.schema.json). "input" mode describes what a
// author writes: fields with defaults are optional.
import path from "node:path";
import { z } from "zod";
import { worldSchema } from "./schema";

export const WORLD_SCHEMA_PATH = path.resolve(__dirname, "..", "world.schema.json");

export function worldJsonSchema(): string {
  const schema = z.toJSONSchema(worldSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, $id: "https://tenantbridge.example/sandbox/world.schema.json", title: "TenantBridge sandbox world" }, null, 2)}\n`;
}
