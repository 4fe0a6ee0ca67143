import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setOauthCache, setPat } from "@/lib/server/connectors/connector-secrets";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { assertEncryptionReady } from "./assert-encryption-ready";
import { CryptoError } from "./crypto-error";
import { encryptSecret } from "./envelope";
import { demoKeyFile, loadKeyRing } from "./load-key-ring";
import { createTestConnector, createTestConnectors, msalCache } from "./test-connectors";
import { testKey, testRing } from "./test-keys";

const olderKey = testKey("k-2023");
const oldKey = testKey("k-2024");
const newKey = testKey("k-2025");

async function refusal(promise: Promise<unknown>): Promise<CryptoError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error("expected the startup check to refuse");
}

for (const provider of testProviders) {
  describe(`startup encryption check on ${provider}`, () => {
    const t = useTestDb(provider);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-ready-"));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("passes on an empty database and on secrets under keys in the ring", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      await expect(assertEncryptionReady(db, { ring: testRing(newKey), source: { env: "production", dataDir, encryptionKeys: undefined } })).resolves.toEqual({
        currentKeyId: "k-2025",
        decryptOnlyKeyIds: [],
        storedSecrets: 0,
        underOlderKeys: 0,
      });
      const [first, second] = await createTestConnectors(db, 2);
      await setPat(db, first ?? "", { pat: "pat-under-old-key-1" }, testRing(oldKey));
      await setPat(db, second ?? "", { pat: "pat-under-new-key-2" }, testRing(newKey));
      const source = { env: "production", dataDir, encryptionKeys: `${newKey},${oldKey}` } as const;
      await expect(assertEncryptionReady(db, { source })).resolves.toEqual({ currentKeyId: "k-2025", decryptOnlyKeyIds: [], storedSecrets: 2, underOlderKeys: 1 });
    });

    it("refuses a ring missing stored key ids, listing them with counts and saying what to set", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      for (const id of await createTestConnectors(db, 3)) await setPat(db, id, { pat: `pat-old-${id}` }, testRing(oldKey));
      const oauthOnly = await createTestConnector(db);
      await setOauthCache(db, oauthOnly, { serializedCache: msalCache("rt-older"), account: "a@litware.example", tenantId: "t1" }, testRing(olderKey));

      const error = await refusal(assertEncryptionReady(db, { source: { env: "production", dataDir, encryptionKeys: newKey } }));
      expect(error.reason).toBe("stored_keys_missing");
      expect(error.message).toBe(
        'TenantBridge cannot start: 4 secrets in the database are encrypted with keys missing from TB_ENCRYPTION_KEYS: "k-2024" (3 secrets), "k-2023" (1 secret). ' +
          'Add each missing key back to TB_ENCRYPTION_KEYS after the current key (TB_ENCRYPTION_KEYS="k-2025:<current key>,k-2024:<its key>"), ' +
          "start again, then run `npm run keys:rotate` to move them to the current key before removing the old one.",
      );
      expect(error.message).not.toContain(newKey.split(":")[1]);

      const partly = await refusal(assertEncryptionReady(db, { ring: testRing(newKey, oldKey), source: { env: "production", dataDir, encryptionKeys: undefined } }));
      expect(partly.message).toContain('1 secret in the database is encrypted with a key missing from TB_ENCRYPTION_KEYS: "k-2023" (1 secret).');
    });

    it("points at the demo's generated key file when there is one", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const demoDir = mkdtempSync(path.join(dataDir, "demo-"));
      const source = { env: "development", dataDir: demoDir, encryptionKeys: undefined } as const;
      const demo = await assertEncryptionReady(db, { source }); // generates the demo key
      const id = await createTestConnector(db);
      await setPat(db, id, { pat: "pat-under-demo-key-1" }, testRing(oldKey));
      const error = await refusal(assertEncryptionReady(db, { source }));
      expect(error.message).toContain(`"k-2024" (1 secret)`);
      expect(error.message).toContain(`TB_ENCRYPTION_KEYS="${demo.currentKeyId}:<current key>,k-2024:<its key>"`);
      expect(error.message).toContain(`The local demo's generated key is in ${demoKeyFile(demoDir)}.`);
    });

    it("refuses a ring whose key id matches but whose bytes differ, naming the key id", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const [first, second] = await createTestConnectors(db, 2);
      await setPat(db, first ?? "", { pat: "pat-under-the-real-k-2024" }, testRing(oldKey));
      await setPat(db, second ?? "", { pat: "pat-under-the-current-key" }, testRing(newKey));
      const impostor = testKey("k-2024"); // same id, other bytes
      const error = await refusal(assertEncryptionReady(db, { source: { env: "production", dataDir, encryptionKeys: `${newKey},${impostor}` } }));
      expect(error.reason).toBe("stored_key_mismatch");
      expect(error.message).toContain('key "k-2024" in TB_ENCRYPTION_KEYS is not the key that encrypted the 1 secret stored under "k-2024"');
      expect(error.message).not.toContain(impostor.split(":")[1]);
      expect(error.message).not.toContain("pat-under");
      // The current key is proved the same way.
      const wrongCurrent = await refusal(assertEncryptionReady(db, { ring: testRing(testKey("k-2025"), oldKey) }));
      expect(wrongCurrent.message).toContain('key "k-2025"');
    });

    it("accepts the right key when one stored secret under it was tampered with", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const ids = await createTestConnectors(db, 2);
      for (const id of ids) await setPat(db, id, { pat: `pat-${id}` }, testRing(oldKey));
      // Swap the two ciphertexts: each is now bound to the other row and fails authentication.
      const rows = await db.connector.findMany({ where: { id: { in: ids } }, select: { id: true, patCiphertext: true }, orderBy: { id: "asc" } });
      const tampered = rows[0]!;
      await db.connector.update({ where: { id: tampered.id }, data: { patCiphertext: rows[1]!.patCiphertext } });
      await expect(assertEncryptionReady(db, { ring: testRing(newKey, oldKey) })).resolves.toMatchObject({ storedSecrets: 2 });
    });

    it("never generates a demo key while secrets exist, so a deleted key file is reported, not replaced", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const demoDir = mkdtempSync(path.join(dataDir, "demo-lost-"));
      const source = { env: "development", dataDir: demoDir, encryptionKeys: undefined } as const;
      const demo = await assertEncryptionReady(db, { source }); // first run: generates the key
      expect(demo.currentKeyId).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
      const id = await createTestConnector(db);
      await setPat(db, id, { pat: "pat-under-the-demo-key" }, loadKeyRing(source));
      rmSync(demoKeyFile(demoDir));

      const error = await refusal(assertEncryptionReady(db, { source }));
      expect(error.reason).toBe("demo_key_missing");
      expect(error.message).toContain(`the demo's key file ${demoKeyFile(demoDir)} is missing, but 1 secret in the database is encrypted under "${demo.currentKeyId}" (1 secret)`);
      expect(existsSync(demoKeyFile(demoDir))).toBe(false);
    });

    it("refuses a malformed ring, and production without one, before touching the database", async () => {
      const { db } = t.current;
      const malformed = await refusal(assertEncryptionReady(db, { source: { env: "production", dataDir, encryptionKeys: `${newKey},k-2025:abc` } }));
      expect(malformed.reason).toBe("key_ring_malformed");
      expect(malformed.message).toMatch(/^TB_ENCRYPTION_KEYS is malformed: key id "k-2025" appears more than once\. Set TB_ENCRYPTION_KEYS to "keyId:base64key"/);
      expect(malformed.message).toContain("openssl rand -base64 32");

      const missing = await refusal(assertEncryptionReady(db, { source: { env: "production", dataDir, encryptionKeys: undefined } }));
      expect(missing.reason).toBe("key_ring_missing");
      expect(missing.message).toContain("TenantBridge cannot start: TB_ENCRYPTION_KEYS is not set.");
    });

    it("refuses a secret column holding something other than an envelope", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const id = await createTestConnector(db);
      await db.connector.update({ where: { id }, data: { patCiphertext: "a-plaintext-pat-someone-wrote" } });
      const error = await refusal(assertEncryptionReady(db, { ring: testRing(newKey), source: { env: "production", dataDir, encryptionKeys: undefined } }));
      expect(error.reason).toBe("stored_secret_unreadable");
      expect(error.message).toContain("1 secret in the database is not in the encrypted tb1 envelope format");
      expect(error.message).not.toContain("a-plaintext-pat");
    });

    it("counts thousands of secrets, including large token caches, by key id", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const [oldRing, newRing] = [testRing(oldKey), testRing(newKey)];
      const bigCache = msalCache("x".repeat(100_000));
      const rows = Array.from({ length: 3000 }, (_, index) => {
        const id = `bulk-${String(index).padStart(5, "0")}`;
        const ring = index % 3 === 0 ? oldRing : newRing;
        return {
          id,
          kind: "ado",
          displayName: id,
          authMethod: "pat",
          createdBy: "encryption-test",
          patCiphertext: encryptSecret(ring, { table: "connector", rowId: id, field: "pat" }, `pat-${id}`),
          oauthCacheCiphertext: index < 100 ? encryptSecret(ring, { table: "connector", rowId: id, field: "oauthCache" }, bigCache) : null,
        };
      });
      for (let start = 0; start < rows.length; start += 500) await db.connector.createMany({ data: rows.slice(start, start + 500) });

      const startedAt = performance.now();
      const readiness = await assertEncryptionReady(db, { source: { env: "production", dataDir, encryptionKeys: `${newKey},${oldKey}` } });
      const elapsedMs = performance.now() - startedAt;
      expect(readiness).toEqual({ currentKeyId: "k-2025", decryptOnlyKeyIds: [], storedSecrets: 3100, underOlderKeys: 1000 + 34 });
      // A loose guard, not a benchmark: one query reading envelope heads takes tens of ms here.
      expect(elapsedMs).toBeLessThan(3000);
    });
  });
}
