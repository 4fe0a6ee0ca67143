// Two replicas on one PostgreSQL, each with its own Prisma client and its own key ring, as a
// rolling restart leaves them: the two-phase rotation keeps every secret readable by both at
// every step; the one-phase "new key first" procedure does not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPat, setPat } from "@/lib/server/connectors/connector-secrets";
import { createDb, type Db } from "@/lib/server/db/client";
import { createTestDb } from "@/lib/testing/test-db";
import { assertEncryptionReady } from "./assert-encryption-ready";
import { CryptoError } from "./crypto-error";
import { envelopeKeyId } from "./envelope";
import { rotateEncryptionKeys } from "./rotate-encryption-keys";
import { storedKeyUsage } from "./stored-key-usage";
import { createTestConnectors } from "./test-connectors";
import { testKey, testRing } from "./test-keys";

const oldKey = testKey("k-2024");
const newKey = testKey("k-2025");

// The rings an operator deploys, in order.
const before = testRing(oldKey);
const phaseA = testRing(`${newKey}:decrypt-only`, oldKey);
const phaseB = testRing(newKey, oldKey);
const after = testRing(newKey);

describe("rolling key rotation, two replicas on one PostgreSQL", () => {
  let test: Awaited<ReturnType<typeof createTestDb>>;
  let replica1: Db;
  let replica2: Db;
  beforeAll(async () => {
    test = await createTestDb("postgresql");
    replica1 = test.db;
    replica2 = createDb(test.database);
  });
  afterAll(async () => {
    await replica2?.$disconnect();
    await test?.dispose();
  });

  async function storedKeyOf(db: Db, connectorId: string) {
    const row = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { patCiphertext: true } });
    return envelopeKeyId(row.patCiphertext ?? "");
  }

  it("keeps every secret readable by both replicas through both phases, then rotates everything to the new key", async () => {
    const [a, b, c, d, e] = await createTestConnectors(replica1, 5);
    await setPat(replica1, a!, { pat: "pat-secret-a" }, before);

    // Phase (a), mid-rollout: replica 1 restarted with the new key as decrypt-only, replica 2 not yet.
    await setPat(replica1, b!, { pat: "pat-secret-b" }, phaseA);
    await setPat(replica2, c!, { pat: "pat-secret-c" }, before);
    expect(await storedKeyOf(replica1, b!)).toBe("k-2024"); // decrypt-only never encrypts
    for (const [id, pat] of [
      [a, "pat-secret-a"],
      [b, "pat-secret-b"],
      [c, "pat-secret-c"],
    ] as const) {
      expect((await readPat(replica1, id!, phaseA))?.pat).toBe(pat);
      expect((await readPat(replica2, id!, before))?.pat).toBe(pat);
    }
    await expect(assertEncryptionReady(replica1, { ring: phaseA })).resolves.toMatchObject({ currentKeyId: "k-2024", decryptOnlyKeyIds: ["k-2025"] });

    // Phase (b), mid-rollout: replica 1 encrypts with the new key, replica 2 is still on phase (a).
    await setPat(replica1, d!, { pat: "pat-secret-d" }, phaseB);
    await setPat(replica2, e!, { pat: "pat-secret-e" }, phaseA);
    expect(await storedKeyOf(replica1, d!)).toBe("k-2025");
    expect(await storedKeyOf(replica1, e!)).toBe("k-2024");
    const all = [
      [a, "pat-secret-a"],
      [b, "pat-secret-b"],
      [c, "pat-secret-c"],
      [d, "pat-secret-d"],
      [e, "pat-secret-e"],
    ] as const;
    for (const [id, pat] of all) {
      expect((await readPat(replica1, id!, phaseB))?.pat).toBe(pat);
      expect((await readPat(replica2, id!, phaseA))?.pat).toBe(pat);
    }
    // The startup key proof passes for a replica restarting into either phase.
    await expect(assertEncryptionReady(replica2, { ring: phaseA })).resolves.toMatchObject({ currentKeyId: "k-2024", storedSecrets: 5 });
    await expect(assertEncryptionReady(replica1, { ring: phaseB })).resolves.toMatchObject({ currentKeyId: "k-2025", decryptOnlyKeyIds: [], underOlderKeys: 4 });

    // Every replica on phase (b): `npm run keys:rotate` moves the rest, then the old key can go.
    const counts = await rotateEncryptionKeys(replica1, phaseB);
    expect(counts).toMatchObject({ rotated: 4, alreadyCurrent: 1, failed: [] });
    expect([...(await storedKeyUsage(replica2)).byKeyId]).toEqual([["k-2025", 5]]);
    await expect(assertEncryptionReady(replica2, { ring: after })).resolves.toMatchObject({ currentKeyId: "k-2025", underOlderKeys: 0 });
    for (const [id, pat] of all) expect((await readPat(replica2, id!, after))?.pat).toBe(pat);
  });

  it("shows why one phase is not enough: a replica still on the old ring cannot read what a restarted one writes", async () => {
    const [id] = await createTestConnectors(replica1, 1);
    await setPat(replica1, id!, { pat: "pat-one-phase" }, phaseB); // restarted with "new key first"
    const failure = await readPat(replica2, id!, before).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CryptoError);
    expect((failure as CryptoError).reason).toBe("key_missing");
  });
});
