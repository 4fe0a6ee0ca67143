import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CryptoError } from "./crypto-error";
import { parseKeyRing } from "./key-ring";

const key32 = () => randomBytes(32).toString("base64");

function malformedMessage(raw: string): string {
  try {
    parseKeyRing(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).reason).toBe("key_ring_malformed");
    return (error as CryptoError).message;
  }
  throw new Error("expected the ring to be rejected");
}

describe("parseKeyRing", () => {
  it("makes the first key current and keeps every key for decryption", () => {
    const ring = parseKeyRing(` 2025-06:${key32()} , 2024-11:${key32()}`);
    expect(ring.current.id).toBe("2025-06");
    expect(ring.ids).toEqual(["2025-06", "2024-11"]);
    expect(ring.get("2024-11")?.id).toBe("2024-11");
    expect(ring.get("2023-01")).toBeUndefined();
  });

  it("encrypts with the first key not marked decrypt-only, and still decrypts with the marked one", () => {
    const ring = parseKeyRing(`2025-06:${key32()}:decrypt-only, 2024-11:${key32()}`);
    expect(ring.current.id).toBe("2024-11");
    expect(ring.ids).toEqual(["2025-06", "2024-11"]);
    expect(ring.get("2025-06")?.decryptOnly).toBe(true);
    expect(ring.get("2024-11")?.decryptOnly).toBeUndefined();
  });

  it("keeps today's meaning when no key is marked: the first key encrypts", () => {
    expect(parseKeyRing(`2025-06:${key32()},2024-11:${key32()}`).current.id).toBe("2025-06");
  });

  it("holds keys as KeyObjects, so logging the ring does not print key bytes", () => {
    const encoded = key32();
    const ring = parseKeyRing(`k1:${encoded}`);
    expect(JSON.stringify(ring)).not.toContain(encoded);
    expect(ring.current.key.export().toString("base64")).toBe(encoded);
  });

  it.each([
    ["empty", "", "TB_ENCRYPTION_KEYS is malformed: it is empty"],
    ["a stray comma", `k1:${key32()},`, "entry 2 is empty (check for a stray comma)"],
    ["no key id", key32(), 'entry 1 has no "keyId:" prefix'],
    ["bad id characters", `Key_1:${key32()}`, "entry 1 has an invalid key id"],
    ["a too long id", `${"a".repeat(33)}:${key32()}`, "entry 1 has an invalid key id"],
    ["a duplicate id", `k1:${key32()},k1:${key32()}`, 'key id "k1" appears more than once'],
    ["bad base64", `k1:not*base64`, 'key "k1" is not standard base64'],
    ["base64url instead of base64", `k1:${randomBytes(32).toString("base64url")}-_`, 'key "k1" is not standard base64'],
    ["non-canonical padding", `k1:${key32().replace("=", "")}`, 'key "k1" is not canonical base64'],
    ["16 bytes", `k1:${randomBytes(16).toString("base64")}`, 'key "k1" is 16 bytes; AES-256 needs exactly 32'],
    ["an unknown suffix", `k1:${key32()}:readonly`, 'entry 1 has an unknown suffix after the key (the only one allowed is ":decrypt-only")'],
    ["two suffixes", `k1:${key32()}:decrypt-only:decrypt-only`, "entry 1 has an unknown suffix"],
    ["only decrypt-only keys", `k1:${key32()}:decrypt-only`, 'every key is marked ":decrypt-only"; one key must encrypt'],
    ["64 bytes", `k1:${randomBytes(64).toString("base64")}`, 'key "k1" is 64 bytes; AES-256 needs exactly 32'],
  ])("rejects %s and says what to set and how to generate a key", (_name, raw, problem) => {
    const message = malformedMessage(raw);
    expect(message).toContain(problem);
    expect(message).toContain('Set TB_ENCRYPTION_KEYS to "keyId:base64key"');
    expect(message).toContain("openssl rand -base64 32");
    expect(message).toContain("randomBytes(32).toString('base64')");
  });

  it("never echoes key material of a rejected entry", () => {
    const almost = randomBytes(31).toString("base64");
    expect(malformedMessage(`k1:${almost}`)).not.toContain(almost);
    const noId = key32();
    expect(malformedMessage(noId)).not.toContain(noId);
  });

  it("names the source it was read from", () => {
    expect(() => parseKeyRing("k1:short", "/data/encryption-keys")).toThrow(/^\/data\/encryption-keys is malformed/);
  });
});
