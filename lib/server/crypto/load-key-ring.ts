import "server-only";
// Where the key ring comes from: TB_ENCRYPTION_KEYS, or, in the local demo only, a key
// generated into the data folder on first run so `npm run dev` works with no setup.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { settings, type Settings } from "@/lib/server/settings";
import { CryptoError, generateKeyHint } from "./crypto-error";
import { parseKeyRing, type KeyRing } from "./key-ring";

/** `sandbox` is the demo against the sandbox cloud: it runs `next start` (production mode) yet keeps a generated key. */
export type KeySource = Pick<Settings, "encryptionKeys" | "dataDir" | "env"> & { sandbox?: boolean };

export const demoKeyFileName = "encryption-keys";

export function demoKeyFile(dataDir: string): string {
  return path.join(dataDir, demoKeyFileName);
}

const fromEnvironment = (source: KeySource) => source.encryptionKeys !== undefined && source.encryptionKeys.trim() !== "";

/** Where the ring of `source` is read from, as a message should name it. */
export function keyRingOrigin(source: KeySource): string {
  return fromEnvironment(source) ? "TB_ENCRYPTION_KEYS" : demoKeyFile(source.dataDir);
}

/** True when loading `source` would generate a new demo key (no ring configured and no key file yet). */
export function wouldGenerateDemoKey(source: KeySource): boolean {
  if (fromEnvironment(source) || (source.env === "production" && !source.sandbox)) return false;
  return !existsSync(demoKeyFile(source.dataDir));
}

export function loadKeyRing(source: KeySource): KeyRing {
  if (fromEnvironment(source)) {
    return parseKeyRing(source.encryptionKeys ?? "", "TB_ENCRYPTION_KEYS");
  }
  if (source.env === "production" && !source.sandbox) {
    throw new CryptoError(
      "key_ring_missing",
      "TenantBridge cannot start: TB_ENCRYPTION_KEYS is not set. In production the keys that encrypt stored secrets must come from the environment " +
        '(for example from a secret store): set TB_ENCRYPTION_KEYS="<keyId>:<base64 of 32 random bytes>". ' +
        generateKeyHint,
    );
  }
  const file = demoKeyFile(source.dataDir);
  return parseKeyRing(readOrCreateDemoKeys(file), file);
}

function readOrCreateDemoKeys(file: string): string {
  try {
    return readDemoKeys(file);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // The random suffix keeps a regenerated key from reusing the id of a lost one: secrets under
  // the lost key then show up as "key missing" at start instead of failing to decrypt later.
  const keyId = `local-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, `${keyId}:${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600); // the mode above is subject to the umask; be exact
  try {
    // link() fails if the file exists, so two processes starting together agree on one key,
    // and nobody ever reads a half-written file.
    linkSync(temporary, file);
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readDemoKeys(file);
}

function readDemoKeys(file: string): string {
  // A key readable by other local users is not a secret; tighten it rather than refuse,
  // since this is the single-user demo path.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return readFileSync(file, "utf8").trim();
}

const isMissingFile = (error: unknown) => error instanceof Error && "code" in error && error.code === "ENOENT";

let cached: KeyRing | undefined;

/** The key ring of this process, loaded on first use. */
export function keyRing(): KeyRing {
  cached ??= loadKeyRing(settings());
  return cached;
}
