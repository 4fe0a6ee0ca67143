import "server-only";
// AES-256-GCM envelopes: "tb1.<keyId>.<nonce>.<ciphertext>.<tag>" (base64url parts).
// The associated data binds each envelope to one row and field, so a ciphertext pasted into
// another connector or into the other secret column fails authentication instead of decrypting.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { CryptoError } from "./crypto-error";
import { keyIdPattern, type KeyRing } from "./key-ring";

export const envelopeVersion = "tb1";
const nonceBytes = 12; // 96 bits: GCM's native nonce size (NIST SP 800-38D §8.2.2, random construction).
const tagBytes = 16;

/** Stable logical names, not column names, so renaming a column does not orphan ciphertexts. */
export type SecretBinding =
  | { table: "connector"; rowId: string; field: "pat" | "oauthCache" }
  /** The broker's shared MI + FIC token cache; the row id names its (tenant, app, identity, scope). */
  | { table: "sharedAccessToken"; rowId: string; field: "accessToken" };

export function associatedData({ table, rowId, field }: SecretBinding): Buffer {
  if (rowId === "") throw new CryptoError("envelope_malformed", `A ${table}.${field} secret needs a row id.`);
  return Buffer.from(`tenantbridge:v1:${table}:${rowId}:${field}`, "utf8");
}

export type ParsedEnvelope = { keyId: string; nonce: Buffer; ciphertext: Buffer; tag: Buffer };

const located = (binding: SecretBinding) => `${binding.table} ${binding.rowId} (${binding.field})`;

export function encryptSecret(ring: KeyRing, binding: SecretBinding, plaintext: string): string {
  const { id, key } = ring.current;
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: tagBytes });
  cipher.setAAD(associatedData(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return formatEnvelope({ keyId: id, nonce, ciphertext, tag: cipher.getAuthTag() });
}

export function decryptSecret(ring: KeyRing, binding: SecretBinding, envelope: string): string {
  const parsed = parseEnvelope(envelope, binding);
  const entry = ring.get(parsed.keyId);
  if (!entry) {
    throw new CryptoError("key_missing", `The secret of ${located(binding)} is encrypted with key "${parsed.keyId}", which is not in TB_ENCRYPTION_KEYS.`, {
      hint: `Add key "${parsed.keyId}" back to TB_ENCRYPTION_KEYS after the current key.`,
    });
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", entry.key, parsed.nonce, { authTagLength: tagBytes });
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // OpenSSL's message is generic anyway; ours says where, and never what.
    throw new CryptoError(
      "authentication_failed",
      `The secret of ${located(binding)} failed authentication under key "${parsed.keyId}": it was altered, copied from another row or field, or the key's bytes changed.`,
    );
  }
}

export function formatEnvelope({ keyId, nonce, ciphertext, tag }: ParsedEnvelope): string {
  return [envelopeVersion, keyId, nonce.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Parses without decrypting; `where` only shapes the error message. */
export function parseEnvelope(envelope: string, where?: SecretBinding): ParsedEnvelope {
  const malformed = (problem: string) => new CryptoError("envelope_malformed", `The secret${where ? ` of ${located(where)}` : ""} is not a valid ${envelopeVersion} envelope: ${problem}.`);
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== envelopeVersion) throw malformed(`expected ${envelopeVersion}.<keyId>.<nonce>.<ciphertext>.<tag>`);
  const [, keyId = "", nonceText = "", ciphertextText = "", tagText = ""] = parts;
  if (!keyIdPattern.test(keyId)) throw malformed("bad key id");
  const nonce = strictBase64url(nonceText);
  const ciphertext = strictBase64url(ciphertextText);
  const tag = strictBase64url(tagText);
  if (!nonce || nonce.length !== nonceBytes) throw malformed(`the nonce must be ${nonceBytes} bytes`);
  if (!ciphertext) throw malformed("bad ciphertext encoding");
  // GCM accepts tags as short as 4 bytes; a shortened tag is a forgery shortcut, so insist on 16.
  if (!tag || tag.length !== tagBytes) throw malformed(`the tag must be ${tagBytes} bytes`);
  return { keyId, nonce, ciphertext, tag };
}

/** Buffer.from ignores stray characters; a tampered envelope must not decode "close enough". */
function strictBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

/** The key id of an envelope, or undefined when the text is not an envelope at all. */
export function envelopeKeyId(envelope: string): string | undefined {
  const match = /^tb1\.([a-z0-9][a-z0-9-]{0,31})\./.exec(envelope);
  return match?.[1];
}
