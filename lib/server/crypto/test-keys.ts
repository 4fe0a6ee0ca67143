import "server-only";
// Key rings for tests: fresh random keys, never constants, so no test key is ever a real one.
import { randomBytes } from "node:crypto";
import { parseKeyRing, type KeyRing } from "./key-ring";

export const testKey = (keyId: string) => `${keyId}:${randomBytes(32).toString("base64")}`;

export function testRing(...entries: string[]): KeyRing {
  return parseKeyRing(entries.join(","));
}
