import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readPat, setPat } from "@/lib/server/connectors/connector-secrets";
import type { Settings } from "@/lib/server/settings";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { storedKeyUsage } from "./stored-key-usage";
import { createTestConnectors } from "./test-connectors";
import { testKey, testRing } from "./test-keys";

const oldKey = testKey("k-old");
const newKey = testKey("k-new");

/** `npm run keys:rotate` as an operator runs it, against the test database. */
function runRotate(database: Settings["database"], dataDir: string, keys: string) {
  const result = spawnSync("npm", ["run", "-s", "keys:rotate"], {
    cwd: process.cwd(),
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      DATABASE_URL: database.provider === "sqlite" ? `file:${database.file}` : database.url,
      TB_DATA_DIR: dataDir,
      TB_ENCRYPTION_KEYS: keys,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

for (const provider of testProviders) {
  describe(`npm run keys:rotate on ${provider}`, () => {
    const t = useTestDb(provider);

    it("refuses when a stored key is missing, then rotates and says which key can go", async () => {
      const { db, database, dir } = t.current;
      const ids = await createTestConnectors(db, 3);
      for (const id of ids) await setPat(db, id, { pat: `pat-cli-${id}` }, testRing(oldKey));

      const refused = runRotate(database, dir, newKey);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('3 secrets in the database are encrypted with a key missing from TB_ENCRYPTION_KEYS: "k-old" (3 secrets)');
      expect((await storedKeyUsage(db)).byKeyId.get("k-old")).toBe(3);

      const rotated = runRotate(database, dir, `${newKey},${oldKey}`);
      expect(rotated.stderr.replace(/^npm warn .*\n/gm, "")).toBe("");
      expect(rotated.status).toBe(0);
      expect(rotated.stdout).toContain('Current key "k-new": 3 of 3 stored secrets are under older keys.');
      expect(rotated.stdout).toContain("Rotated: 3\nAlready under the current key: 0\nSkipped because changed meanwhile: 0\n");
      expect(rotated.stdout).toContain('Every secret is under "k-new". You can now remove "k-old" from TB_ENCRYPTION_KEYS.');
      for (const output of [refused.stdout, refused.stderr, rotated.stdout]) {
        expect(output).not.toContain(oldKey.split(":")[1]);
        expect(output).not.toContain(newKey.split(":")[1]);
        expect(output).not.toContain("pat-cli-");
      }
      for (const id of ids) expect((await readPat(db, id, testRing(newKey)))?.pat).toBe(`pat-cli-${id}`);
    });

    it("during phase one of a rolling rotation, keeps everything under the encrypting key and says the decrypt-only key is next", async () => {
      const { db, database, dir } = t.current;
      await db.connector.deleteMany();
      const [id] = await createTestConnectors(db, 1);
      await setPat(db, id!, { pat: "pat-cli-phase-one" }, testRing(oldKey));

      const phaseOne = runRotate(database, dir, `${newKey}:decrypt-only,${oldKey}`);
      expect(phaseOne.status).toBe(0);
      expect(phaseOne.stdout).toContain('Current key "k-old": 0 of 1 stored secrets are under older keys.');
      expect(phaseOne.stdout).toContain('Every secret is under "k-old". "k-new" is still decrypt-only');
      expect(phaseOne.stdout).not.toContain("You can now remove");
      expect([...(await storedKeyUsage(db)).byKeyId]).toEqual([["k-old", 1]]);
    });
  });
}
