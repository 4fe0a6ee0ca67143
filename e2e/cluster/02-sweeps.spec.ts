// The two replicas' schedulers on one PostgreSQL database, read from the validation runs table:
// every connector is checked exactly once per round, a replica killed with SIGKILL in mid-sweep
// loses no check (the survivor takes the dead one's claims once their lease, one interval,
// has passed, and no connector is checked twice within a lease), a 429 from one organization pauses it on both replicas, and the whole cluster's token requests are counted: one exchange per (tenant, app, scope).
//
// A round starts when the test makes every connector due (nextCheckAt = now), which is what the
// interval passing does; waiting out 60 s intervals twice would only make the test slower.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Client } from "pg";
import type { World } from "../../sandbox/world/schema";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { createMiFicConnector } from "../mi-fic/connectors";
import { attachReplicaLogsOnFailure, CLUSTER_METRICS_TOKEN, clusterDatabaseUrl, clusterReplicas, sandboxOrigin, type ClusterReplica } from "./cluster-env";
import { brokenPromises, readableRecord, type Orphan, type ScheduledRun } from "./takeover-record";

const CONNECTORS = 24;
// Each scheduled check's Azure DevOps call takes this long, so one replica alone would need
// longer than the gap between the two replicas' ticks (15 s ± 20%): both take part in a round.
const ADO_LATENCY_MS = 1500;
const INTERVAL_MS = 60_000;
// Longer than a round takes, so the pause is still in force when the round has been checked.
const THROTTLE_RETRY_AFTER_S = 120;
const THROTTLED_ORGANIZATION = "throttled-org";

type RunCount = { connectorId: string; finished: number; running: number };
type TokenRequestCount = { endpoint: string; grantType: string; tenant: string; clientId: string; scope: string; count: number };

async function sandbox(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${sandboxOrigin()}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}`);
  return response;
}

/** The sum of a metric's series whose labels contain `labels`, from a replica's own /metrics (null once it is gone). */
async function metric(replica: ClusterReplica, name: string, labels = ""): Promise<number | null> {
  try {
    const response = await fetch(`${replica.directUrl}/metrics`, { headers: { authorization: `Bearer ${CLUSTER_METRICS_TOKEN}` } });
    if (!response.ok) throw new Error(`/metrics of ${replica.directUrl} answered ${response.status}`);
    let total = 0;
    for (const line of (await response.text()).split("\n")) {
      const match = /^([a-z_]+)(?:\{([^}]*)\})? (\d+(?:\.\d+)?)$/.exec(line);
      if (match?.[1] === name && (match[2] ?? "").includes(labels)) total += Number(match[3]);
    }
    return total;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/** Scheduled checks this replica has finished. */
const scheduledChecks = (replica: ClusterReplica) => metric(replica, "tenantbridge_checks_total", 'trigger="schedule"');
/** Sweeps this replica has run (one per scheduler tick, with or without due connectors). */
const sweeps = (replica: ClusterReplica) => metric(replica, "tenantbridge_sweep_duration_seconds_count");

test.describe.serial("two schedulers behind the proxy", () => {
  test.setTimeout(180_000);
  let db: Client;
  const ids: string[] = [];
  const perReplica: number[] = [];
  let throttledId = "";
  let completedRounds = 0;
  let talliedSince = 0;

  const runCounts = async (): Promise<RunCount[]> =>
    (
      await db.query<{ connectorId: string; finished: string; running: string }>(
        `SELECT c."id" AS "connectorId",
                count(r."id") FILTER (WHERE r."finishedAt" IS NOT NULL) AS finished,
                count(r."id") FILTER (WHERE r."finishedAt" IS NULL) AS running
           FROM "Connector" c LEFT JOIN "ValidationRun" r ON r."connectorId" = c."id" AND r."trigger" = 'schedule'
          WHERE c."id" = ANY($1) GROUP BY c."id"`,
        [ids],
      )
    ).rows.map((row) => ({ connectorId: row.connectorId, finished: Number(row.finished), running: Number(row.running) }));

  const finishedEverywhere = async (round: number) => (await runCounts()).every((row) => row.finished >= round);

  /** Makes connectors due now, as the interval passing would. */
  const makeDue = (connectorIds: string[]) => db.query(`UPDATE "Connector" SET "nextCheckAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ANY($1)`, [connectorIds]);
  const startRound = () => makeDue(ids);
  const finishedRuns = async (connectorId: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "ValidationRun" WHERE "connectorId" = $1 AND "trigger" = 'schedule' AND "finishedAt" IS NOT NULL`, [connectorId])).rows[0]!.n);

  const waitForRound = async (round: number, timeoutMs: number) => {
    await expect.poll(() => finishedEverywhere(round), { timeout: timeoutMs, intervals: [500] }).toBe(true);
  };

  test.beforeAll(async ({ playwright, baseURL, adminState }) => {
    db = new Client({ connectionString: clusterDatabaseUrl() });
    await db.connect();
    // Each connector gets an organization of its own in Litware's tenant that lets the connector's
    // app read one project: saving a setup proves it, and one that fails would stay a draft that
    // no scheduler checks.
    const world = (await (await sandbox("GET", "/world")).json()) as World;
    const litware = world.ado.organizations.find((org) => org.name === "litware")!;
    const names = [...Array.from({ length: CONNECTORS }, (_, i) => `sweep-${String(i + 1).padStart(2, "0")}`), THROTTLED_ORGANIZATION];
    world.ado.organizations = world.ado.organizations.filter((org) => !names.includes(org.name));
    names.forEach((name) => {
      const project = structuredClone(litware.projects[0]!);
      Object.assign(project, { id: randomUUID(), name: "Platform", groups: { readers: [CONNECTOR_APP.spLitware], contributors: [], projectAdministrators: [] }, repositories: [] });
      world.ado.organizations.push({
        ...structuredClone(litware),
        name,
        id: randomUUID(),
        collectionAdministrators: [],
        members: [{ principalId: CONNECTOR_APP.spLitware, kind: "servicePrincipal", displayName: "TenantBridge Connector", accessLevel: "basic" }],
        pats: [],
        projects: [project],
      });
    });
    await sandbox("PUT", "/world", world);
    const api = await playwright.request.newContext({ baseURL, storageState: adminState });
    await deleteAllConnectors(api);
    for (let i = 0; i < CONNECTORS; i++) ids.push(await createMiFicConnector(api, `sweep-${String(i + 1).padStart(2, "0")}`, CONNECTOR_APP.appId, TENANT.litware));
    throttledId = await createMiFicConnector(api, THROTTLED_ORGANIZATION, CONNECTOR_APP.appId, TENANT.litware);
    await api.dispose();
    for (const replica of clusterReplicas()) perReplica.push((await scheduledChecks(replica)) ?? 0);
    await sandbox("DELETE", "/token-requests");
    talliedSince = Date.now();
    await sandbox("POST", "/faults", { path: "/ado", latencyMs: ADO_LATENCY_MS });
  });

  test.afterEach(() => attachReplicaLogsOnFailure(test.info()));

  test.afterAll(async () => {
    await sandbox("DELETE", "/faults").catch(() => undefined);
    await db?.end();
  });

  test("every connector is checked exactly once per round, by both replicas together", async () => {
    for (let round = 1; round <= 2; round++) {
      await startRound();
      await waitForRound(round, 60_000);
      const counts = await runCounts();
      expect(counts).toHaveLength(CONNECTORS);
      for (const row of counts) expect(row, `scheduled runs of ${row.connectorId} after round ${round}`).toEqual({ connectorId: row.connectorId, finished: round, running: 0 });
      completedRounds = round;
    }
    const done = await Promise.all(clusterReplicas().map(async (replica, index) => ((await scheduledChecks(replica)) ?? 0) - perReplica[index]!));
    console.log(`scheduled checks in 2 rounds of ${CONNECTORS} connectors, per replica: ${done.join(" + ")}`);
    expect(done.reduce((sum, n) => sum + n, 0)).toBe(2 * CONNECTORS);
    for (const [index, count] of done.entries()) expect(count, `checks by replica ${index + 1}`).toBeGreaterThan(0);
  });

  test("a 429 from one organization pauses it on both replicas", async () => {
    const replicas = clusterReplicas();
    await sandbox("POST", "/faults", { path: `/ado/${THROTTLED_ORGANIZATION}/`, status: 429, retryAfterSeconds: THROTTLE_RETRY_AFTER_S });
    await makeDue([throttledId]);
    await expect.poll(() => finishedRuns(throttledId), { timeout: 40_000, intervals: [500] }).toBe(1);
    const pauseInForce = async () =>
      (await db.query(`SELECT 1 FROM "ThrottlePause" WHERE "throttleKey" = $1 AND "pausedUntil" > (now() AT TIME ZONE 'UTC')`, [`ado:${THROTTLED_ORGANIZATION}`])).rowCount === 1;
    expect(await pauseInForce(), "the 429 paused the organization").toBe(true);
    // The organization would answer now: only the pause keeps the replicas away from it.
    await sandbox("DELETE", "/faults");
    await sandbox("POST", "/faults", { path: "/ado", latencyMs: ADO_LATENCY_MS });

    // A round in which the throttled organization's connector is due too. Each replica runs at
    // least one whole sweep after that (two finished sweeps: the first may have begun before),
    // claiming what is due, and neither takes the paused organization's connector.
    const sweepsBefore = await Promise.all(replicas.map(async (replica) => (await sweeps(replica)) ?? 0));
    const checksBefore = await Promise.all(replicas.map(async (replica) => (await scheduledChecks(replica)) ?? 0));
    await makeDue([...ids, throttledId]);
    const round = completedRounds + 1;
    await waitForRound(round, 60_000);
    completedRounds = round;
    for (const [index, replica] of replicas.entries()) {
      await expect.poll(async () => ((await sweeps(replica)) ?? 0) - sweepsBefore[index]!, { timeout: 45_000, intervals: [1000], message: `sweeps of replica ${index + 1}` }).toBeGreaterThanOrEqual(2);
    }
    const moved = await Promise.all(replicas.map(async (replica, index) => ((await scheduledChecks(replica)) ?? 0) - checksBefore[index]!));
    expect(await pauseInForce(), "the pause must still be in force, or this round proves nothing").toBe(true);
    expect(await finishedRuns(throttledId), `scheduled runs of ${THROTTLED_ORGANIZATION}'s connector during its pause`).toBe(1);
    console.log(
      `${THROTTLED_ORGANIZATION} paused for ${THROTTLE_RETRY_AFTER_S} s; a round of ${CONNECTORS} connectors (${moved.join(" + ")} checks) left it alone on both replicas, each of which swept at least once meanwhile`,
    );
  });

  test("a replica killed in mid-sweep loses no check: the other takes its claims after the lease", async () => {
    const replicas = clusterReplicas();
    const before = await Promise.all(replicas.map(async (replica) => (await scheduledChecks(replica)) ?? 0));
    const round = completedRounds + 1;
    const roundStartedAt = Date.now();
    await startRound();
    // The victim is the first replica seen working in this round: it holds claims (a batch of
    // eight, two in flight) that no one else may take until their lease ends.
    let victim: ClusterReplica | undefined;
    const deadline = Date.now() + 40_000;
    while (!victim && Date.now() < deadline) {
      const now = await Promise.all(replicas.map((replica) => scheduledChecks(replica)));
      const index = now.findIndex((count, i) => (count ?? 0) > before[i]!);
      if (index >= 0) victim = replicas[index];
      else await new Promise((resolve) => setTimeout(resolve, 150));
    }
    if (!victim) throw new Error(`Neither replica started round ${round} within 40 s`);
    const finishedBeforeKill = (await runCounts()).filter((row) => row.finished >= round).length;
    expect(finishedBeforeKill, "the kill must come in mid-sweep").toBeLessThan(CONNECTORS - 4);
    // Each connector's claim (a claim keeps its id once checked), whether its lease is in force
    // (nextCheckAt ahead: claimed in this round), when it ends, and whether it was checked in this
    // round: a run is written when its check ends, so a check the kill interrupts leaves only its claim.
    const claims = async () => {
      const finished = new Map((await runCounts()).map((row) => [row.connectorId, row.finished]));
      const { rows } = await db.query<{ id: string; checkClaimId: string | null; leased: boolean; leaseEndsAtMs: number }>(
        `SELECT "id", "checkClaimId", "nextCheckAt" > (now() AT TIME ZONE 'UTC') AS leased, (EXTRACT(EPOCH FROM "nextCheckAt") * 1000)::float8 AS "leaseEndsAtMs"
           FROM "Connector" WHERE "id" = ANY($1)`,
        [ids],
      );
      return new Map(rows.map((row) => [row.id, { ...row, checked: (finished.get(row.id) ?? 0) >= round }]));
    };
    const survivor = replicas.find((replica) => replica !== victim)!;
    process.kill(victim.pid, "SIGKILL");
    const killedAt = Date.now();
    const pendingAtKill = [...(await claims()).values()].filter((row) => row.leased && !row.checked && row.checkClaimId !== null);
    const survivorChecksAtKill = (await scheduledChecks(survivor)) ?? 0;
    // Look again just before the first of these leases ends (at least 20 s after the kill). By
    // then the survivor has checked what it had claimed before the kill (a batch of eight, two
    // at a time, 1.5 s each), under its own claim; the rest was the victim's: still unchecked,
    // or taken under a new claim (which the record below judges).
    const firstLeaseEnd = Math.min(killedAt + 50_000, ...pendingAtKill.map((row) => row.leaseEndsAtMs));
    await new Promise((resolve) => setTimeout(resolve, Math.max(20_000, firstLeaseEnd - 3_000 - Date.now())));
    const later = await claims();
    const orphans: Orphan[] = pendingAtKill
      .filter((row) => !(later.get(row.id)?.checked && later.get(row.id)?.checkClaimId === row.checkClaimId))
      .map((row) => ({ connectorId: row.id, leaseEndsAtMs: row.leaseEndsAtMs }));
    expect(orphans.length, "checks the killed replica had claimed and not finished").toBeGreaterThan(0);
    // Its checks in flight (TB_CHECK_CONCURRENCY) and the batches it had claimed ahead of them.
    expect(orphans.length, "checks the killed replica had claimed and not finished").toBeLessThanOrEqual(18);

    // The lease is one interval (less up to 10% jitter); the survivor ticks every 15 s ± 20%. A
    // round that does not complete is read below like one that did: the runs say which check was lost.
    const roundDeadline = killedAt + 20_000 + INTERVAL_MS + 30_000;
    while (!(await finishedEverywhere(round)) && Date.now() < roundDeadline) await new Promise((resolve) => setTimeout(resolve, 500));
    const roundDoneAfterS = (Date.now() - killedAt) / 1000;
    completedRounds = round;
    const { rows: runs } = await db.query<ScheduledRun>(
      `SELECT "connectorId", (EXTRACT(EPOCH FROM "startedAt") * 1000)::float8 AS "startedAtMs"
         FROM "ValidationRun" WHERE "trigger" = 'schedule' AND "finishedAt" IS NOT NULL AND "connectorId" = ANY($1)`,
      [ids],
    );
    // Runs do not say which replica made them, but the victim made none after the kill: an
    // orphan's check of this round started after it was the survivor's (and its /metrics count it).
    // A claim moves nextCheckAt at least 0.9 interval ahead; a check may start a few seconds
    // after its batch was claimed, so half an interval tells a next round from a double check.
    const record = { connectorIds: ids, runs, orphans, round, roundStartedAtMs: roundStartedAt, killedAtMs: killedAt, minGapMs: INTERVAL_MS / 2 };
    const evidence = test.info().outputPath("takeover.json");
    writeFileSync(evidence, JSON.stringify({ victim, survivor, ...readableRecord(record) }, null, 2));
    await test.info().attach("takeover.json", { path: evidence, contentType: "application/json" });
    expect(brokenPromises(record), `the scheduled runs after the kill (${evidence})`).toEqual([]);
    const survivorChecks = ((await scheduledChecks(survivor)) ?? 0) - survivorChecksAtKill;
    expect(survivorChecks, "scheduled checks the survivor finished after the kill").toBeGreaterThanOrEqual(orphans.length);

    const redoneAfterS = orphans.map(({ connectorId }) => {
      const starts = runs.filter((run) => run.connectorId === connectorId).map((run) => run.startedAtMs);
      return (starts.sort((a, b) => a - b)[round - 1]! - killedAt) / 1000;
    });
    const leasesEndAfterS = orphans.map((orphan) => (orphan.leaseEndsAtMs - killedAt) / 1000);
    const aheadOfRound = ids.filter((id) => runs.filter((run) => run.connectorId === id).length > round).length;
    const span = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} s`;
    console.log(
      `killed replica ${victim.directUrl} with ${CONNECTORS - finishedBeforeKill} checks of the round left (${orphans.length} claimed and unfinished, leases ending ${span(leasesEndAfterS)} after the kill); ` +
        `the survivor redid them ${span(redoneAfterS)} after the kill and finished the round ${roundDoneAfterS.toFixed(0)} s after it (${aheadOfRound} connectors had begun the next round)`,
    );
  });

  test("token requests for the whole cluster: one exchange per (tenant, app, scope); the identity's own per replica", async () => {
    const { tokenRequests } = (await (await sandbox("GET", "/token-requests")).json()) as { tokenRequests: TokenRequestCount[] };
    const minutes = (Date.now() - talliedSince) / 60_000;
    console.log(`token requests in ${minutes.toFixed(1)} min for ${completedRounds * CONNECTORS + 1} or more scheduled checks on 2 replicas:`);
    for (const entry of tokenRequests) console.log(`  ${entry.count} × ${entry.endpoint} ${entry.grantType} tenant=${entry.tenant || "-"} client=${entry.clientId} scope=${entry.scope}`);
    const exchange = tokenRequests.filter((entry) => entry.endpoint === "entra" && entry.clientId === CONNECTOR_APP.appId);
    const miTokens = tokenRequests.filter((entry) => entry.endpoint === "mi" && entry.clientId === AGENT_IDENTITY.clientId);
    expect(exchange.length, "the connector app's token requests").toBeGreaterThan(0);
    expect(miTokens.length, "the agent identity's token requests").toBeGreaterThan(0);
    // The exchanged token is shared through the database (lib/server/broker/shared-token-store.ts):
    // the replica that misses first exchanges under a per-triple lock, the other reads its row,
    // so the cluster asks once per triple however many replicas, connectors and rounds. The
    // sandbox's tokens live an hour, far longer than this spec.
    for (const entry of exchange) expect(entry.count, `exchanges for tenant ${entry.tenant}, app ${entry.clientId}, ${entry.scope}`).toBe(1);
    // The identity's own token comes from each host's endpoint and is not shared: a replica asks
    // for it as the assertion of an exchange (one in all, above) and, in the scheduled checks,
    // probes the endpoint once a minute per identity (identity-endpoint-probe.ts). So at most one
    // assertion plus a probe per replica per started minute of this spec, plus the minute in flight.
    const perReplicaBound = Math.ceil(minutes) + 1;
    for (const entry of miTokens) {
      expect(entry.count, `identity ${entry.clientId} tokens for ${entry.scope} (probes ≤ ${perReplicaBound} per replica)`).toBeLessThanOrEqual(1 + clusterReplicas().length * perReplicaBound);
    }
  });
});
