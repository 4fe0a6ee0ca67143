import "server-only";
// The key ring: "keyId:base64(32 bytes)[:decrypt-only][,…]". The first key that is not marked
// decrypt-only encrypts every new write; every key decrypts, so older keys stay listed until
// `npm run keys:rotate` has re-encrypted what they protect.
//
// The marker exists for rolling restarts with several replicas: a new key is first deployed as
// decrypt-only everywhere, and only once every replica can read it does a second deployment
// drop the marker and make it encrypt. Putting a new key first in a single step would let the
// already-restarted replicas write secrets the not-yet-restarted ones cannot read.
import { createSecretKey, type KeyObject } from "node:crypto";
import { CryptoError, generateKeyHint } from "./crypto-error";

export type EncryptionKey = { readonly id: string; readonly key: KeyObject; readonly decryptOnly?: boolean };

export const decryptOnlyMarker = "decrypt-only";

export type KeyRing = {
  readonly current: EncryptionKey;
  readonly ids: readonly string[];
  get(keyId: string): EncryptionKey | undefined;
};

/**
 * Lower-case letters, digits and hyphens. The id sits inside the envelope between dots and is
 * matched with SQL LIKE prefixes during rotation, where "_" and "%" are wildcards and SQLite
 * compares case-insensitively; this alphabet avoids both traps.
 */
export const keyIdPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;

const standardBase64 = /^[A-Za-z0-9+/]+={0,2}$/;

const formatHelp = (source: string) =>
  `Set ${source} to "keyId:base64key" with the current key first and older keys after it, ` +
  `for example "2025-06:<new key>,2024-11:<old key>"; a key followed by ":${decryptOnlyMarker}" only decrypts ` +
  `(roll it out that way to every replica before it encrypts). Key ids use a-z, 0-9 and "-" (at most 32 characters); ` +
  `each key is 32 random bytes in standard base64. ${generateKeyHint}`;

/** `source` names where the ring came from (an env var or a file) so the message says what to fix. */
export function parseKeyRing(raw: string, source = "TB_ENCRYPTION_KEYS"): KeyRing {
  const entries = raw.split(",").map((entry) => entry.trim());
  const malformed = (problem: string) => new CryptoError("key_ring_malformed", `${source} is malformed: ${problem}. ${formatHelp(source)}`);
  if (entries.length === 1 && entries[0] === "") throw malformed("it is empty");

  const keys: EncryptionKey[] = [];
  entries.forEach((entry, index) => {
    const position = `entry ${index + 1}`;
    if (entry === "") throw malformed(`${position} is empty (check for a stray comma)`);
    const colon = entry.indexOf(":");
    if (colon < 0) throw malformed(`${position} has no "keyId:" prefix`);
    const id = entry.slice(0, colon);
    const [encoded = "", marker, ...rest] = entry
      .slice(colon + 1)
      .split(":")
      .map((part) => part.trim());
    if (rest.length > 0 || (marker !== undefined && marker !== decryptOnlyMarker)) {
      throw malformed(`${position} has an unknown suffix after the key (the only one allowed is ":${decryptOnlyMarker}")`);
    }
    // Only the id is echoed, never the key text: a near-valid key is still key material.
    if (!keyIdPattern.test(id)) throw malformed(`${position} has an invalid key id (allowed: a-z, 0-9, "-", at most 32 characters)`);
    if (keys.some((key) => key.id === id)) throw malformed(`key id "${id}" appears more than once`);
    if (!standardBase64.test(encoded)) throw malformed(`key "${id}" is not standard base64`);
    const bytes = Buffer.from(encoded, "base64");
    if (bytes.length !== 32) throw malformed(`key "${id}" is ${bytes.length} bytes; AES-256 needs exactly 32`);
    if (bytes.toString("base64") !== encoded) throw malformed(`key "${id}" is not canonical base64 (check padding)`);
    keys.push({ id, key: createSecretKey(bytes), ...(marker ? { decryptOnly: true } : {}) });
    bytes.fill(0);
  });
  if (keys.every((key) => key.decryptOnly)) throw malformed(`every key is marked ":${decryptOnlyMarker}"; one key must encrypt`);
  return keyRingOf(keys);
}

export function keyRingOf(keys: readonly EncryptionKey[]): KeyRing {
  const current = keys.find((key) => !key.decryptOnly);
  if (!current) throw new CryptoError("key_ring_malformed", "A key ring needs at least one key that encrypts.");
  const byId = new Map(keys.map((key) => [key.id, key]));
  return { current, ids: keys.map((key) => key.id), get: (keyId) => byId.get(keyId) };
}
