import { createDecipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CryptoError } from "./crypto-error";
import { decryptSecret, encryptSecret, formatEnvelope, parseEnvelope, type SecretBinding } from "./envelope";
import { testKey, testRing } from "./test-keys";

const pat: SecretBinding = { table: "connector", rowId: "clx0connector0a", field: "pat" };
const oldKey = testKey("k-old");
const newKey = testKey("k-new");
const ring = testRing(oldKey);

function expectCryptoError(run: () => unknown, reason: CryptoError["reason"]): CryptoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).reason).toBe(reason);
    return error as CryptoError;
  }
  throw new Error(`expected a CryptoError (${reason})`);
}

function flipBit(bytes: Buffer, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return copy;
}

describe("envelope", () => {
  it("round-trips and names its key id", () => {
    const envelope = encryptSecret(ring, pat, "s3cret-pat-value");
    expect(envelope).toMatch(/^tb1\.k-old\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(decryptSecret(ring, pat, envelope)).toBe("s3cret-pat-value");
    expect(decryptSecret(ring, pat, encryptSecret(ring, pat, ""))).toBe("");
    expect(decryptSecret(ring, pat, encryptSecret(ring, pat, "ünïcødé ✓"))).toBe("ünïcødé ✓");
  });

  it("uses a fresh nonce for every write of the same plaintext", () => {
    const writes = 2000;
    const envelopes = Array.from({ length: writes }, () => parseEnvelope(encryptSecret(ring, pat, "same plaintext")));
    expect(new Set(envelopes.map((e) => e.nonce.toString("hex"))).size).toBe(writes);
    expect(new Set(envelopes.map((e) => e.ciphertext.toString("hex"))).size).toBe(writes);
    for (const envelope of envelopes) expect(envelope.nonce).toHaveLength(12);
  });

  it("rejects every single flipped bit of nonce, ciphertext and tag", () => {
    const parsed = parseEnvelope(encryptSecret(ring, pat, "hi!"));
    let attempts = 0;
    for (const part of ["nonce", "ciphertext", "tag"] as const) {
      for (let bit = 0; bit < parsed[part].length * 8; bit += 1) {
        const tampered = formatEnvelope({ ...parsed, [part]: flipBit(parsed[part], bit) });
        expectCryptoError(() => decryptSecret(ring, pat, tampered), "authentication_failed");
        attempts += 1;
      }
    }
    expect(attempts).toBe((12 + 3 + 16) * 8);
  });

  it("rejects every single flipped bit of the associated data (row id)", () => {
    const envelope = encryptSecret(ring, pat, "hi!");
    const rowId = Buffer.from(pat.rowId, "utf8");
    for (let bit = 0; bit < rowId.length * 8; bit += 1) {
      const otherRow = { ...pat, rowId: flipBit(rowId, bit).toString("latin1") };
      expectCryptoError(() => decryptSecret(ring, otherRow, envelope), "authentication_failed");
    }
  });

  it("rejects a ciphertext moved to another row or to the other field", () => {
    const envelope = encryptSecret(ring, pat, "s3cret-pat-value");
    expectCryptoError(() => decryptSecret(ring, { ...pat, rowId: "clx0connector0b" }, envelope), "authentication_failed");
    expectCryptoError(() => decryptSecret(ring, { ...pat, field: "oauthCache" }, envelope), "authentication_failed");
  });

  it("rejects truncated and extended tags, and GCM itself refuses them when told the tag length", () => {
    const parsed = parseEnvelope(encryptSecret(ring, pat, "hi!"));
    for (const length of [0, 4, 8, 12, 15]) {
      const truncated = formatEnvelope({ ...parsed, tag: parsed.tag.subarray(0, length) });
      const error = expectCryptoError(() => decryptSecret(ring, pat, truncated), "envelope_malformed");
      expect(error.message).toContain("the tag must be 16 bytes");
    }
    expectCryptoError(() => decryptSecret(ring, pat, formatEnvelope({ ...parsed, tag: Buffer.concat([parsed.tag, Buffer.alloc(1)]) })), "envelope_malformed");
    // Second line of defence: the decipher created with authTagLength 16 refuses a 12-byte tag.
    const decipher = createDecipheriv("aes-256-gcm", ring.current.key, parsed.nonce, { authTagLength: 16 });
    expect(() => decipher.setAuthTag(parsed.tag.subarray(0, 12))).toThrow();
  });

  it("rejects an unknown key id with a message that names it and says what to set", () => {
    const envelope = encryptSecret(testRing(newKey), pat, "s3cret-pat-value");
    const error = expectCryptoError(() => decryptSecret(ring, pat, envelope), "key_missing");
    expect(error.message).toContain('key "k-new"');
    expect(error.message).toContain("TB_ENCRYPTION_KEYS");
  });

  it("rejects a key id relabelled to another key of the ring, and a same-named key with other bytes", () => {
    const both = testRing(newKey, oldKey);
    const envelope = encryptSecret(testRing(oldKey), pat, "s3cret-pat-value");
    expectCryptoError(() => decryptSecret(both, pat, envelope.replace("tb1.k-old.", "tb1.k-new.")), "authentication_failed");
    expectCryptoError(() => decryptSecret(testRing(testKey("k-old")), pat, envelope), "authentication_failed");
  });

  it("rejects malformed envelopes, including non-canonical base64url", () => {
    const envelope = encryptSecret(ring, pat, "hi!");
    const [version, keyId, nonce, ciphertext, tag] = envelope.split(".");
    const cases = [
      "",
      "plaintext-pat",
      `tb2.${keyId}.${nonce}.${ciphertext}.${tag}`,
      `${version}.${keyId}.${nonce}.${ciphertext}`,
      `${version}.${keyId}.${nonce}.${ciphertext}.${tag}.extra`,
      `${version}.K_OLD.${nonce}.${ciphertext}.${tag}`,
      `${version}.${keyId}.${nonce}=.${ciphertext}.${tag}`,
      `${version}.${keyId}.${nonce}.${ciphertext}.${tag}!`,
      `${version}.${keyId}.${nonce?.slice(0, -1)}.${ciphertext}.${tag}`,
    ];
    for (const text of cases) expectCryptoError(() => decryptSecret(ring, pat, text), "envelope_malformed");
  });

  it("never puts plaintext, ciphertext or key material in error messages", () => {
    const secret = "canary-pat-8c1d7e";
    const envelope = encryptSecret(ring, pat, secret);
    const parsed = parseEnvelope(envelope);
    const keyText = oldKey.split(":")[1] ?? "";
    const failures = [
      expectCryptoError(() => decryptSecret(ring, { ...pat, field: "oauthCache" }, envelope), "authentication_failed"),
      expectCryptoError(() => decryptSecret(testRing(newKey), pat, envelope), "key_missing"),
      expectCryptoError(() => decryptSecret(ring, pat, `${envelope}x`), "envelope_malformed"),
    ];
    for (const error of failures) {
      const text = `${error.message} ${error.hint ?? ""} ${String(error.cause ?? "")}`;
      for (const needle of [secret, keyText, parsed.ciphertext.toString("base64url"), parsed.tag.toString("base64url")]) expect(text).not.toContain(needle);
    }
  });
});
