import "server-only";
// Errors of the encryption layer. They name key ids, rows and fields (none of which are
// secret) and never a plaintext, a ciphertext or key material, so they are safe to log.
import { AppError } from "@/lib/server/errors";

export type CryptoErrorReason =
  | "key_ring_missing"
  | "key_ring_malformed"
  | "key_missing"
  | "envelope_malformed"
  | "authentication_failed"
  | "stored_keys_missing"
  | "stored_key_mismatch"
  | "demo_key_missing"
  | "stored_secret_unreadable";

export class CryptoError extends AppError {
  readonly reason: CryptoErrorReason;

  constructor(reason: CryptoErrorReason, message: string, options: { hint?: string } = {}) {
    // "misconfigured": every one of these is fixed by an operator (keys, environment),
    // or is a tampered database; neither is the caller's input.
    super("misconfigured", message, { hint: options.hint });
    this.name = "CryptoError";
    this.reason = reason;
  }
}

export const generateKeyHint = "Generate a key with `openssl rand -base64 32` " + "or `node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"`.";
