// The MI + FIC token cache shared by the replicas: two "replicas" (two Prisma clients, two
// in-process caches) on one PostgreSQL make one token request per (tenant, app, identity, scope)
// at the sandbox's token endpoint, however many callers miss at once; a replica that starts later
// reads the shared token; the table holds no token in plaintext; a changed setting still takes
// effect. On SQLite (one process) the table outlives the in-process cache.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { TENANT, WRONG_SUBJECT_APP } from "@/sandbox/world/default/ids";
import { adoConnector, countRequests, kustoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { findCanary } from "@/lib/server/crypto/find-canary";
import { createDb, setDbForTests, type Db } from "@/lib/server/db/client";
import type { Settings } from "@/lib/server/settings";
import { useTestDb } from "@/lib/testing/test-db";
import { brokerCache } from "./broker-cache";
import { getAccessToken, type BrokerTarget, type BrokerToken } from "./get-access-token";
import { sharedTokenStats } from "./shared-token-store";
import { forgetBrokerTokens } from "./testing/forget-broker-tokens";
import { TokenCache } from "./token-cache";
import { TokenUnavailableError } from "./token-unavailable-error";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const litwareTokenPath = `/${TENANT.litware}/oauth2/v2.0/token`;

type Replica = { db: Db; cache: TokenCache<BrokerToken> };
const call = (replica: Replica, target: BrokerTarget) => getAccessToken(target, { db: replica.db, cache: replica.cache });
const bearer = (token: BrokerToken) => token.authorization.replace(/^Bearer /, "");

async function tableDump(database: Settings["database"]): Promise<Buffer> {
  if (database.provider === "sqlite") {
    const directory = path.dirname(database.file);
    const files = readdirSync(directory).filter((name) => name.startsWith(path.basename(database.file)));
    return Buffer.concat(files.map((name) => readFileSync(path.join(directory, name))));
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const rows = await client.query<{ line: string }>(`SELECT t::text AS line FROM "SharedAccessToken" t`);
    return Buffer.from(rows.rows.map((row) => row.line).join("\n"));
  } finally {
    await client.end();
  }
}

describe("the MI + FIC token cache shared by replicas on PostgreSQL", () => {
  const t = useTestDb("postgresql");
  let a: Replica;
  let b: Replica;
  beforeAll(() => {
    setDbForTests(t.current.db);
    a = { db: t.current.db, cache: brokerCache() };
    b = { db: createDb(t.current.database), cache: new TokenCache<BrokerToken>() };
  });
  afterAll(async () => {
    await b?.db.$disconnect();
  });
  beforeEach(async () => {
    await admin(sandbox, "POST", "/reset");
    await forgetBrokerTokens(t.current.db);
    b.cache.clear();
    await t.current.db.connector.deleteMany();
    await t.current.db.organization.deleteMany();
  });

  it("makes one token request per triple when both replicas miss at once", async () => {
    await adoConnector(t.current.db, "litware");
    await kustoConnector(t.current.db, sandbox, "Telemetry");
    const ado = { organization: "litware" };
    const kusto = { clusterUrl: `${sandbox.origin}/kusto/litware/`, database: "Telemetry" };
    const requests = await countRequests(sandbox, litwareTokenPath);
    const stats = { ...sharedTokenStats };
    const callers = 5;
    const [adoTokens, kustoTokens] = await Promise.all([ado, kusto].map((target) => Promise.all(Array.from({ length: 2 * callers }, (_, i) => call(i % 2 ? b : a, target)))));
    const made = await requests();
    const delta = Object.fromEntries(Object.entries(sharedTokenStats).map(([name, value]) => [name, value - stats[name as keyof typeof stats]]));
    console.log(`[shared-token-cache] ${2 * callers} concurrent cold callers per triple on 2 replicas, 2 triples: ${made} token requests at the sandbox; ${JSON.stringify(delta)}`);
    expect(made).toBe(2);
    // Each replica's memory let one caller per triple through; the second replica's read the first's token.
    expect(delta).toMatchObject({ exchanges: 2, uncoordinated: 0 });
    expect(delta.rowHits! + delta.rowHitsAfterLock!).toBe(2);
    expect(new Set(adoTokens!.map((token) => token.authorization)).size).toBe(1);
    expect(new Set(kustoTokens!.map((token) => token.authorization)).size).toBe(1);
    expect(adoTokens![0]!.authorization).not.toBe(kustoTokens![0]!.authorization);
    expect(await t.current.db.sharedAccessToken.count()).toBe(2);
  });

  it("serves a replica that starts later from the shared row, and keeps every token encrypted", async () => {
    await adoConnector(t.current.db, "litware");
    const requests = await countRequests(sandbox, litwareTokenPath);
    const first = await call(a, { organization: "litware" });
    const later = await call(b, { organization: "litware" });
    // Replica A restarts: its memory is gone, the shared row is not.
    a.cache.clear();
    const restarted = await call(a, { organization: "litware" });
    console.log(`[shared-token-cache] one replica, then a second, then the first restarted: ${await requests()} token request(s)`);
    expect(await requests()).toBe(1);
    expect(later.authorization).toBe(first.authorization);
    expect(restarted).toMatchObject({ authorization: first.authorization, expiresOn: first.expiresOn });

    const dump = await tableDump(t.current.database);
    expect(dump.toString()).toContain("tb1.");
    expect(findCanary(dump, bearer(first))).toEqual([]);
    // Not even the signature alone, which is what makes a token usable.
    expect(findCanary(dump, bearer(first).split(".")[2]!)).toEqual([]);
  });

  it("still takes a changed setting at once, and treats a row copied from another triple as a miss", async () => {
    const id = await adoConnector(t.current.db, "litware");
    await kustoConnector(t.current.db, sandbox, "Telemetry");
    const before = await call(a, { organization: "litware" });
    await t.current.db.connector.update({ where: { id }, data: { appClientId: WRONG_SUBJECT_APP.appId, version: { increment: 1 } } });
    const error = await call(b, { organization: "litware" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as TokenUnavailableError).decoded.code).toBe("AADSTS700213");

    // Paste the ADO row's ciphertext into the Kusto triple's row: it is bound to its row, so it
    // does not decrypt there, and the replica asks Entra ID for a Kusto token instead.
    const kusto = { clusterUrl: `${sandbox.origin}/kusto/litware/`, database: "Telemetry" };
    await call(a, kusto);
    const rows = await t.current.db.sharedAccessToken.findMany({ omit: { tokenCiphertext: false } });
    const adoRow = rows.find((row) => row.scope.startsWith("499b84ac"))!;
    const kustoRow = rows.find((row) => row !== adoRow)!;
    await t.current.db.sharedAccessToken.update({
      where: { targetTenantId_appClientId_miClientId_scope: { targetTenantId: kustoRow.targetTenantId, appClientId: kustoRow.appClientId, miClientId: kustoRow.miClientId, scope: kustoRow.scope } },
      data: { tokenCiphertext: adoRow.tokenCiphertext },
    });
    const requests = await countRequests(sandbox, litwareTokenPath);
    const replaced = await call({ db: b.db, cache: new TokenCache<BrokerToken>() }, kusto);
    expect(await requests()).toBe(1);
    expect(replaced.authorization).not.toBe(before.authorization);
    // The exchange replaced the pasted row with one that reads back.
    const restarted = await call({ db: a.db, cache: new TokenCache<BrokerToken>() }, kusto);
    expect(restarted.authorization).toBe(replaced.authorization);
    expect(await requests()).toBe(1);
  });
});

describe("the shared token table on SQLite (one process)", () => {
  const t = useTestDb("sqlite");
  beforeAll(() => setDbForTests(t.current.db));
  beforeEach(async () => {
    await admin(sandbox, "POST", "/reset");
    await forgetBrokerTokens(t.current.db);
  });

  it("serves the stored token after the in-process cache is lost, encrypted in the file", async () => {
    await adoConnector(t.current.db, "litware");
    const requests = await countRequests(sandbox, litwareTokenPath);
    const first = await getAccessToken({ organization: "litware" });
    brokerCache().clear();
    const again = await getAccessToken({ organization: "litware" });
    expect(await requests()).toBe(1);
    expect(again.authorization).toBe(first.authorization);
    expect(findCanary(await tableDump(t.current.database), bearer(first))).toEqual([]);
  });
});
