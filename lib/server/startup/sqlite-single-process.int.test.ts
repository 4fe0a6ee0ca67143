// SQLite serves one portal process: a second process started on the same database refuses to
// start, names DATABASE_URL=postgresql:// as the way to run replicas, and leaves the first one
// serving; once the first process is gone (even killed), a new one starts.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testKey } from "@/lib/server/crypto/test-keys";

const root = process.cwd();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-single-"));
const started: ChildProcess[] = [];

type Outcome = { status: "ready" } | { status: "exited"; code: number | null; output: string };

function startProcess(): { child: ChildProcess; outcome: Promise<Outcome> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", TB_DATA_DIR: dataDir, TB_SCHEDULER_ENABLED: "0", TB_ENCRYPTION_KEYS: encryptionKeys, TB_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  // node with tsx's loader, not the tsx command: that one is a parent process, and killing it
  // would leave the portal process running.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/server/startup/testing/serve-once.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  const outcome = new Promise<Outcome>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve({ status: "ready" });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ status: "exited", code, output }));
  });
  return { child, outcome };
}

const encryptionKeys = testKey("k-single");

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("one portal process per SQLite database", () => {
  it("refuses a second process with a clear message, and starts again once the first is gone", async () => {
    const first = startProcess();
    expect(await first.outcome).toEqual({ status: "ready" });

    const second = await startProcess().outcome;
    expect(second.status).toBe("exited");
    if (second.status !== "exited") return;
    expect(second.code).toBe(1);
    expect(second.output).toContain("TenantBridge cannot start.");
    expect(second.output).toContain(`Another TenantBridge process is already serving the SQLite database ${path.join(dataDir, "tenantbridge.db")}`);
    expect(second.output).toContain('DATABASE_URL="postgresql://');
    expect(second.output).not.toContain("SocketTimeout");
    expect(first.child.exitCode).toBeNull(); // the first keeps serving

    // A crash releases the lock with the process: no stale lock file blocks the next start.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    expect(await startProcess().outcome).toEqual({ status: "ready" });
  });
});
