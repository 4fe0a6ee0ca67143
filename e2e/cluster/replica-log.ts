// Each replica's stdout and stderr, written to a file in the cluster test's output folder as it
// comes (test-results/cluster/replicas/replica-<n>.log), so what a replica said before a failure,
// or before it was killed, can still be read once the cluster is gone. The portal's own lines are
// JSON with their time (at TB_LOG_LEVEL=info: every request and every sweep that checked something).
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import type { PortalProcess } from "../../scripts/portal-process";

/** Where replica `index` (from 0) writes, below the Playwright output folder `outputDir`. */
export const replicaLogPath = (outputDir: string, index: number) => path.join(outputDir, "replicas", `replica-${index + 1}.log`);

/**
 * Writes what the replica has said since it started (it was started with `quiet`, so its output
 * was kept) and everything it says from now on to `file`, and to this process's own output when
 * `echo` is set (TB_E2E_VERBOSE). Resolves, once the replica has exited, when the file is complete.
 */
export function keepReplicaLog(replica: PortalProcess, file: string, header: string, echo: boolean): () => Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const finished = new Promise<void>((resolve) => out.once("close", () => resolve()));
  const write = (chunk: string | Buffer) => {
    out.write(chunk);
    if (echo) process.stdout.write(chunk);
  };
  write(`# ${header}\n`);
  write(replica.output());
  // No output arrives between the line above and these listeners: both run in this one turn.
  replica.child.stdout?.on("data", write);
  replica.child.stderr?.on("data", write);
  const closed = new Promise<void>((resolve) => replica.child.once("close", () => resolve()));
  return async () => {
    // stop() has already waited for the exit; the pipes close right after it.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
    write(`# ${header}: exited (code ${replica.child.exitCode}, signal ${replica.child.signalCode})\n`);
    out.end();
    await finished;
  };
}
