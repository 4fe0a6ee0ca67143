import { describe, expect, it } from "vitest";
import { CryptoError } from "@/lib/server/crypto/crypto-error";
import { createTestConnector, msalCache } from "@/lib/server/crypto/test-connectors";
import { testKey, testRing } from "@/lib/server/crypto/test-keys";
import { AppError } from "@/lib/server/errors";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { rejection } from "@/lib/testing/rejection";
import { clearOauthCache, clearPat, readOauthCache, readPat, setOauthCache, setPat } from "./connector-secrets";

const ring = testRing(testKey("k1"));

for (const provider of testProviders) {
  describe(`connector secrets on ${provider}`, () => {
    const t = useTestDb(provider);

    it("stores a PAT encrypted, returns only its status, and reads it back for the broker", async () => {
      const { db } = t.current;
      const id = await createTestConnector(db);
      const pat = "pat-canary-0a1b2c3d4e5f";
      const expiresAt = new Date("2030-01-01T00:00:00.000Z");
      const status = await setPat(db, id, { pat, expiresAt, expectedVersion: 1 }, ring);
      expect(status).toEqual({ version: 2, configured: true, last4: "4e5f", setAt: expect.any(Date), expiresAt });
      expect(JSON.stringify(status)).not.toContain(pat);

      const stored = await db.connector.findUniqueOrThrow({ where: { id }, select: { patCiphertext: true } });
      expect(stored.patCiphertext).toMatch(/^tb1\.k1\./);
      expect(stored.patCiphertext).not.toContain(pat);
      // The client omits secret columns unless a query opts in.
      expect(Object.keys(await db.connector.findUniqueOrThrow({ where: { id } }))).not.toContain("patCiphertext");

      expect(await readPat(db, id, ring)).toEqual({ pat, expiresAt });
    });

    it("clears a PAT and bumps the version", async () => {
      const { db } = t.current;
      const id = await createTestConnector(db);
      await setPat(db, id, { pat: "pat-to-clear-123456" }, ring);
      expect(await clearPat(db, id, { expectedVersion: 2 })).toEqual({ version: 3, configured: false, last4: null, setAt: null, expiresAt: null });
      expect(await readPat(db, id, ring)).toBeNull();
    });

    it("gives a version conflict for a stale version and writes nothing", async () => {
      const { db } = t.current;
      const id = await createTestConnector(db);
      await setPat(db, id, { pat: "pat-first-value-1111", expectedVersion: 1 }, ring);
      const error = await rejection(setPat(db, id, { pat: "pat-stale-value-2222", expectedVersion: 1 }, ring));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("version_conflict");
      expect((await readPat(db, id, ring))?.pat).toBe("pat-first-value-1111");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).version).toBe(2);
    });

    it("lets exactly one of two simultaneous edits at one version win", async () => {
      const { db } = t.current;
      const id = await createTestConnector(db);
      const results = await Promise.allSettled([
        setPat(db, id, { pat: "pat-simultaneous-aaaa", expectedVersion: 1 }, ring),
        setOauthCache(db, id, { serializedCache: msalCache("rt-simultaneous"), account: "dev@litware.example", tenantId: "t1", expectedVersion: 1 }, ring),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const [failure] = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
      expect((failure?.reason as AppError).code).toBe("version_conflict");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).version).toBe(2);
    });

    it("says not found for a missing connector", async () => {
      const { db } = t.current;
      const attempts = [() => setPat(db, "missing", { pat: "pat-for-nobody-0000" }, ring), () => readPat(db, "missing", ring), () => clearOauthCache(db, "missing")];
      for (const attempt of attempts) {
        expect(((await rejection(attempt())) as AppError).code).toBe("not_found");
      }
    });

    it("rejects a malformed PAT without echoing it", async () => {
      const { db } = t.current;
      const id = await createTestConnector(db);
      for (const pat of ["short", "pat with spaces 12345", "x".repeat(1025)]) {
        const error = (await rejection(setPat(db, id, { pat }, ring))) as AppError;
        expect(error.code).toBe("validation_failed");
        expect(error.fields[0]?.field).toBe("pat");
        expect(`${error.message} ${JSON.stringify(error.fields)}`).not.toContain(pat);
      }
      expect(await readPat(db, id, ring)).toBeNull();
    });

    it("stores, reads and clears an OAuth token cache", async () => {
      const { db } = t.current;
      const id = await createTestConnector(db);
      const serializedCache = msalCache("rt-canary-9f8e7d");
      const status = await setOauthCache(db, id, { serializedCache, account: "dev@litware.example", tenantId: "tenant-1" }, ring);
      expect(status).toMatchObject({ version: 2, configured: true, account: "dev@litware.example", tenantId: "tenant-1" });
      expect(JSON.stringify(status)).not.toContain("rt-canary");
      expect(await readOauthCache(db, id, ring)).toMatchObject({ serializedCache, account: "dev@litware.example", tenantId: "tenant-1" });
      expect(((await rejection(setOauthCache(db, id, { serializedCache: "not json", account: "a", tenantId: "t" }, ring))) as AppError).code).toBe("validation_failed");
      await clearOauthCache(db, id);
      expect(await readOauthCache(db, id, ring)).toBeNull();
    });

    it("refuses a ciphertext copied into another connector or into the other field", async () => {
      const { db } = t.current;
      const victim = await createTestConnector(db);
      const attacker = await createTestConnector(db);
      await setPat(db, victim, { pat: "pat-of-the-victim-7777" }, ring);
      const { patCiphertext } = await db.connector.findUniqueOrThrow({ where: { id: victim }, select: { patCiphertext: true } });

      await db.connector.update({ where: { id: attacker }, data: { patCiphertext, patSetAt: new Date() } });
      const moved = await rejection(readPat(db, attacker, ring));
      expect(moved).toBeInstanceOf(CryptoError);
      expect((moved as CryptoError).reason).toBe("authentication_failed");
      expect((moved as CryptoError).message).not.toContain("pat-of-the-victim");

      await db.connector.update({ where: { id: victim }, data: { oauthCacheCiphertext: patCiphertext } });
      expect(((await rejection(readOauthCache(db, victim, ring))) as CryptoError).reason).toBe("authentication_failed");
      expect((await readPat(db, victim, ring))?.pat).toBe("pat-of-the-victim-7777");
    });
  });
}
