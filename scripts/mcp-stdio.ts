// `npm run mcp`: the agent's MCP server over stdio, for an MCP client that starts it as a local
// process (Claude Desktop, VS Code, an agent runtime on the portal's host). It runs as the local
// process with the portal's own configuration (database, keys, Azure endpoints), so it needs no
// token. With no TB_PORTAL_CLIENT_ID in the environment it joins the demo that `npm start` runs:
// the sandbox cloud on SANDBOX_HTTPS_PORT/SANDBOX_MI_PORT (8443/8444) and the SQLite database in ./data.
// stdout carries the protocol only: log lines go to stderr.
import { spawn } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { sandboxClientEnv } from "../sandbox/server";
import { DEFAULT_IDENTITY_HEADER } from "../sandbox/world/default/ids";
import { portalEnvForSandbox } from "./sandbox-portal-env";

const root = path.resolve(__dirname, "..");

function demoEnvironment(): Record<string, string> {
  const origin = `https://localhost:${process.env.SANDBOX_HTTPS_PORT ?? 8443}`;
  const miOrigin = `http://localhost:${process.env.SANDBOX_MI_PORT ?? 8444}`;
  const env = sandboxClientEnv({ origin, miOrigin, caPath: path.join(root, ".data/sandbox/ca.pem"), identityHeader: DEFAULT_IDENTITY_HEADER });
  return portalEnvForSandbox({ origin, env });
}

async function serve(): Promise<void> {
  // Anything written to stdout besides the protocol would break the client: send it to stderr.
  const protocolOut = new PassThrough();
  const writeStdout = process.stdout.write.bind(process.stdout);
  protocolOut.on("data", (chunk: Buffer) => writeStdout(chunk));
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

  const { StdioServerTransport } = await import("@modelcontextprotocol/sdk/server/stdio.js");
  const { localProcessCaller } = await import("@/lib/server/mcp/mcp-auth");
  const { createMcpServer } = await import("@/lib/server/mcp/mcp-server");
  const server = createMcpServer(localProcessCaller());
  await server.connect(new StdioServerTransport(process.stdin, protocolOut));
  process.stdin.on("end", () => {
    void server.close().then(() => process.exit(0));
  });
}

if (!process.env.TB_PORTAL_CLIENT_ID) {
  // The demo: start again with the sandbox's environment, which Node reads at start (the CA).
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, ...demoEnvironment() } });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  serve().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
