import { describe, expect, it } from "vitest";
import { clearPat, readOauthCache, readPat, setOauthCache, setPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { assertEncryptionReady } from "./assert-encryption-ready";
import { rotateEncryptionKeys } from "./rotate-encryption-keys";
import { storedKeyUsage } from "./stored-key-usage";
import { createTestConnectors, msalCache } from "./test-connectors";
import { testKey, testRing } from "./test-keys";

const oldKey = testKey("k-old");
const newKey = testKey("k-new");
const oldRing = testRing(oldKey);
const rotatingRing = testRing(newKey, oldKey);
const newOnlyRing = testRing(newKey);

type Expected = Map<string, { pat: string; cache?: string }>;

/** Connectors with a PAT each and an OAuth cache on every other one, all under the old key. */
async function seed(db: Db, count: number, label: string): Promise<Expected> {
  const expected: Expected = new Map();
  for (const [index, id] of (await createTestConnectors(db, count)).entries()) {
    const pat = `pat-${label}-${index}-${id}`;
    await setPat(db, id, { pat }, oldRing);
    let cache: string | undefined;
    if (index % 2 === 0) {
      cache = msalCache(`rt-${label}-${index}`);
      await setOauthCache(db, id, { serializedCache: cache, account: "dev@litware.example", tenantId: "t1" }, oldRing);
    }
    expected.set(id, { pat, cache });
  }
  return expected;
}

async function expectAllReadable(db: Db, expected: Expected, ring = rotatingRing) {
  for (const [id, { pat, cache }] of expected) {
    expect((await readPat(db, id, ring))?.pat).toBe(pat);
    expect((await readOauthCache(db, id, ring))?.serializedCache).toBe(cache);
  }
}

const secretsIn = (expected: Expected) => [...expected.values()].reduce((sum, { cache }) => sum + (cache ? 2 : 1), 0);

async function snapshot(db: Db, ids: Iterable<string>) {
  return db.connector.findMany({ where: { id: { in: [...ids] } }, select: { id: true, version: true, updatedAt: true, displayName: true }, orderBy: { id: "asc" } });
}

for (const provider of testProviders) {
  describe(`key rotation on ${provider}`, () => {
    const t = useTestDb(provider);

    it("re-encrypts every secret under the new key without editing the connectors, after which the old key can go", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const expected = await seed(db, 5, "all");
      const before = await snapshot(db, expected.keys());

      const counts = await rotateEncryptionKeys(db, rotatingRing, { batchSize: 2 });
      expect(counts).toEqual({ rotated: secretsIn(expected), alreadyCurrent: 0, skippedBecauseChanged: 0, failed: [] });
      expect([...(await storedKeyUsage(db)).byKeyId]).toEqual([["k-new", secretsIn(expected)]]);
      // Rotation is not an operator edit: versions and updatedAt stay as they were.
      expect(await snapshot(db, expected.keys())).toEqual(before);

      await expect(assertEncryptionReady(db, { ring: newOnlyRing })).resolves.toMatchObject({ currentKeyId: "k-new", underOlderKeys: 0 });
      await expectAllReadable(db, expected, newOnlyRing);

      const again = await rotateEncryptionKeys(db, rotatingRing);
      expect(again).toEqual({ rotated: 0, alreadyCurrent: secretsIn(expected), skippedBecauseChanged: 0, failed: [] });
    });

    it("survives an interruption: nothing is lost and a re-run finishes the job", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const expected = await seed(db, 7, "crash");
      const total = secretsIn(expected);

      let progressCalls = 0;
      await expect(
        rotateEncryptionKeys(db, rotatingRing, {
          batchSize: 2,
          onProgress: (progress) => {
            progressCalls += 1;
            if (progress.rotated >= 3) throw new Error("simulated crash");
          },
        }),
      ).rejects.toThrow("simulated crash");
      expect(progressCalls).toBe(2);

      const midway = await storedKeyUsage(db);
      expect(midway.byKeyId.get("k-new")).toBe(4);
      expect(midway.byKeyId.get("k-old")).toBe(total - 4);
      await expectAllReadable(db, expected);
      await expect(assertEncryptionReady(db, { ring: newOnlyRing })).rejects.toThrow(`"k-old" (${total - 4} secrets)`);

      const resumed = await rotateEncryptionKeys(db, rotatingRing, { batchSize: 2 });
      expect(resumed).toEqual({ rotated: total - 4, alreadyCurrent: 4, skippedBecauseChanged: 0, failed: [] });
      expect([...(await storedKeyUsage(db)).byKeyId]).toEqual([["k-new", total]]);
      await expectAllReadable(db, expected, newOnlyRing);
    });

    it("never overwrites an operator's edit that lands between reading and writing a row", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const expected = await seed(db, 4, "race");
      const [patEdited, renamed, cleared] = [...expected.keys()];
      if (!patEdited || !renamed || !cleared) throw new Error("seed failed");

      // The portal (already on the new ring) edits rows after rotation read its batch and
      // before its first compare-and-swap: the real database, with a hook in front of updateMany.
      let edited = false;
      let renamedAt: Date | undefined;
      const racingDb = withBeforeUpdateMany(db, async () => {
        if (edited) return;
        edited = true;
        await setPat(db, patEdited, { pat: "pat-set-during-rotation-42" }, rotatingRing);
        await new Promise((resolve) => setTimeout(resolve, 5)); // a distinct updatedAt
        ({ updatedAt: renamedAt } = await db.connector.update({ where: { id: renamed }, data: { displayName: "Renamed during rotation", version: { increment: 1 } } }));
        await clearPat(db, cleared);
      });
      const versionsBefore = await snapshot(db, [patEdited, renamed, cleared]);

      const counts = await rotateEncryptionKeys(racingDb, rotatingRing, { batchSize: 10 });
      expect(edited).toBe(true);
      // The new PAT and the cleared PAT count as changed; the rename only forced a retry.
      expect(counts.skippedBecauseChanged).toBe(2);
      expect(counts.rotated + counts.alreadyCurrent + counts.skippedBecauseChanged).toBe(secretsIn(expected));
      expect(counts.failed).toEqual([]);

      expect((await readPat(db, patEdited, newOnlyRing))?.pat).toBe("pat-set-during-rotation-42");
      expect(await readPat(db, cleared, rotatingRing)).toBeNull();
      expect((await readPat(db, renamed, newOnlyRing))?.pat).toBe(expected.get(renamed)?.pat);
      const after = await snapshot(db, [patEdited, renamed, cleared]);
      const renamedAfter = after.find((row) => row.id === renamed);
      expect(renamedAfter?.displayName).toBe("Renamed during rotation");
      expect(renamedAfter?.updatedAt).toEqual(renamedAt); // not wound back to what rotation first read
      // Each edit bumped the version once; rotation added nothing.
      expect(after.map((row) => row.version)).toEqual(versionsBefore.map((row) => row.version + 1));
      expect([...(await storedKeyUsage(db)).byKeyId.keys()]).toEqual(["k-new"]);
    });

    it("reports a secret it cannot decrypt and carries on with the rest", async () => {
      const { db } = t.current;
      await db.connector.deleteMany();
      const expected = await seed(db, 3, "broken");
      const [broken] = [...expected.keys()];
      if (!broken) throw new Error("seed failed");
      const { patCiphertext } = await db.connector.findUniqueOrThrow({ where: { id: broken }, select: { patCiphertext: true } });
      const other = [...expected.keys()][1] ?? "";
      await db.connector.update({ where: { id: other }, data: { patCiphertext } }); // moved: fails authentication

      const counts = await rotateEncryptionKeys(db, rotatingRing);
      expect(counts.failed).toEqual([{ table: "connector", rowId: other, field: "pat", reason: expect.stringContaining("failed authentication") }]);
      expect(counts.rotated).toBe(secretsIn(expected) - 1);
      expect((await storedKeyUsage(db)).byKeyId.get("k-old")).toBe(1);
    });
  });
}

/** The same client, with `hook` run before each connector.updateMany (rotation's swap). */
function withBeforeUpdateMany(db: Db, hook: () => Promise<void>): Db {
  const connector = new Proxy(db.connector, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== "updateMany" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await hook();
        return Reflect.apply(value, target, args);
      };
    },
  });
  return new Proxy(db, { get: (target, property) => (property === "connector" ? connector : Reflect.get(target, property)) });
}
