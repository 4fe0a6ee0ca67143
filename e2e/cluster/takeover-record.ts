// What the validation runs table must show after a replica was killed in mid-sweep, as a list of
// broken promises (empty when all are kept), so that one failure names every connector concerned.
//
// The promise: no check is lost (every connector reaches the round, and each check the dead
// replica had claimed and not finished is done again after the kill, once its claim's lease has
// ended) and no connector is checked twice within one lease. Not promised: that each connector
// has exactly `round` runs when the round is complete. The survivor redoes the orphans one lease
// after they were claimed, when the connectors checked early in the round are due again, so some
// may begin their next round before the last orphan is done.

/** A finished scheduled run; times in milliseconds since the epoch. */
export type ScheduledRun = { connectorId: string; startedAtMs: number };

/** A check the killed replica had claimed and not finished, with its claim's lease end (the connector's nextCheckAt then). */
export type Orphan = { connectorId: string; leaseEndsAtMs: number };

export type TakeoverRecord = {
  connectorIds: string[];
  runs: ScheduledRun[];
  orphans: Orphan[];
  /** The round the kill came in: every connector had `round - 1` runs before it. */
  round: number;
  /** When the test made every connector due: runs before it were paced by the test, not by the lease. */
  roundStartedAtMs: number;
  killedAtMs: number;
  /** Two runs of one connector that started closer than this are one check too many. */
  minGapMs: number;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function brokenPromises(record: TakeoverRecord): string[] {
  const broken: string[] = [];
  const byConnector = new Map<string, number[]>(record.connectorIds.map((id) => [id, []]));
  for (const run of record.runs) byConnector.get(run.connectorId)?.push(run.startedAtMs);
  for (const starts of byConnector.values()) starts.sort((a, b) => a - b);

  for (const [connectorId, starts] of byConnector) {
    if (starts.length < record.round) broken.push(`${connectorId}: ${starts.length} finished scheduled runs, round ${record.round} needs ${record.round} (a check was lost)`);
  }
  for (const { connectorId, leaseEndsAtMs } of record.orphans) {
    const redo = byConnector.get(connectorId)?.[record.round - 1];
    if (redo === undefined) continue; // reported above
    if (redo < record.killedAtMs) broken.push(`${connectorId}: its check of round ${record.round} started ${seconds(record.killedAtMs - redo)} before the kill, not by the survivor`);
    else if (redo < leaseEndsAtMs) broken.push(`${connectorId}: the survivor took it ${seconds(leaseEndsAtMs - redo)} before the killed replica's lease ended`);
  }
  // Every consecutive pair of runs since the round began.
  for (const [connectorId, starts] of byConnector) {
    const paced = starts.filter((start) => start >= record.roundStartedAtMs);
    for (let i = 1; i < paced.length; i++) {
      const gap = paced[i]! - paced[i - 1]!;
      if (gap < record.minGapMs) broken.push(`${connectorId}: two runs started ${seconds(gap)} apart, less than ${seconds(record.minGapMs)} (checked twice within one lease)`);
    }
  }
  return broken;
}

/** The record as one reads it beside the replica logs: times as ISO strings, the runs since the round began in order. */
export function readableRecord(record: TakeoverRecord) {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    round: record.round,
    roundStartedAt: at(record.roundStartedAtMs),
    killedAt: at(record.killedAtMs),
    orphans: record.orphans.map((orphan) => ({ connectorId: orphan.connectorId, leaseEndsAt: at(orphan.leaseEndsAtMs) })),
    runsSinceRoundStarted: record.runs
      .filter((run) => run.startedAtMs >= record.roundStartedAtMs)
      .sort((a, b) => a.startedAtMs - b.startedAtMs)
      .map((run) => ({ connectorId: run.connectorId, startedAt: at(run.startedAtMs) })),
  };
}
