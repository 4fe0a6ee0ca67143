import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CryptoError } from "./crypto-error";
import { demoKeyFile, loadKeyRing } from "./load-key-ring";

describe("loadKeyRing", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "tb-keys-")), "data");
  });
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it("generates a demo key on first run, with mode 0600, and reuses it", () => {
    const first = loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined });
    const file = demoKeyFile(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^local-\d{8}-[0-9a-f]{8}:[A-Za-z0-9+/]{43}=\n$/);
    const second = loadKeyRing({ env: "test", dataDir, encryptionKeys: "" });
    expect(second.current.id).toBe(first.current.id);
    expect(second.current.key.equals(first.current.key)).toBe(true);
    expect(readFileSync(file, "utf8").trim().split(",")).toHaveLength(1);
  });

  it("gives a regenerated demo key a new id, so it never impersonates the lost one", () => {
    const first = loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined });
    rmSync(demoKeyFile(dataDir));
    const second = loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined });
    expect(second.current.id).not.toBe(first.current.id);
  });

  it("tightens a demo key file that others can read", () => {
    loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined });
    chmodSync(demoKeyFile(dataDir), 0o644);
    loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined });
    expect(statSync(demoKeyFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it("uses TB_ENCRYPTION_KEYS when set and writes no file", () => {
    const ring = loadKeyRing({ env: "development", dataDir, encryptionKeys: `prod-1:${randomBytes(32).toString("base64")}` });
    expect(ring.current.id).toBe("prod-1");
    expect(existsSync(demoKeyFile(dataDir))).toBe(false);
  });

  it("refuses to start in production without keys, saying what to set", () => {
    let caught: unknown;
    try {
      loadKeyRing({ env: "production", dataDir, encryptionKeys: undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CryptoError);
    expect((caught as CryptoError).reason).toBe("key_ring_missing");
    expect((caught as CryptoError).message).toContain("TB_ENCRYPTION_KEYS is not set");
    expect((caught as CryptoError).message).toContain("openssl rand -base64 32");
    expect(existsSync(demoKeyFile(dataDir))).toBe(false);
  });

  it("reports a damaged demo key file by its path", () => {
    loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined });
    const file = demoKeyFile(dataDir);
    rmSync(file);
    writeFileSync(file, "local-1:tooshort\n", { mode: 0o600 });
    expect(() => loadKeyRing({ env: "development", dataDir, encryptionKeys: undefined })).toThrow(`${file} is malformed`);
  });
});
