// git's own smart HTTP server, `git http-backend`, run as a CGI program for one request: the
// sandbox authenticates and authorizes as ADO does, then hands the request to git unchanged.
// Only fetches and clones (git-upload-pack) reach it; receive-pack stays off.
import { spawn, execFileSync } from "node:child_process";
import path from "node:path";
import type { SandboxRequest, SandboxResponse } from "../../contract";
import { isolatedGitEnv } from "./bare-repository";

let backendPath: string | undefined;

function httpBackend(): string {
  backendPath ??= path.join(execFileSync("git", ["--exec-path"], { encoding: "utf8" }).trim(), "git-http-backend");
  return backendPath;
}

const header = (req: SandboxRequest, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
};

/**
 * Runs git-http-backend for `pathInfo` ("/<bare folder>/info/refs" or "/<bare folder>/git-upload-pack")
 * under `projectRoot`, as the user `remoteUser`.
 */
export function runHttpBackend(req: SandboxRequest, projectRoot: string, pathInfo: string, remoteUser: string): Promise<SandboxResponse> {
  const env: NodeJS.ProcessEnv = {
    ...isolatedGitEnv(projectRoot),
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: "1",
    // Pushes are not part of the sandbox: refuse receive-pack even for an authenticated user.
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.receivepack",
    GIT_CONFIG_VALUE_0: "false",
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: "HTTP/1.1",
    REQUEST_METHOD: req.method.toUpperCase(),
    PATH_INFO: pathInfo,
    QUERY_STRING: req.url.search.replace(/^\?/, ""),
    CONTENT_TYPE: header(req, "content-type"),
    CONTENT_LENGTH: String(req.body.length),
    REMOTE_USER: remoteUser,
    REMOTE_ADDR: "127.0.0.1",
    HTTP_CONTENT_ENCODING: header(req, "content-encoding"),
    GIT_PROTOCOL: header(req, "git-protocol"),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(httpBackend(), [], { env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", () => {
      const output = Buffer.concat(out);
      const split = output.indexOf("\r\n\r\n");
      if (split < 0) {
        resolve({ status: 500, headers: { "content-type": "text/plain" }, body: `git http-backend failed: ${Buffer.concat(err).toString("utf8").slice(0, 500)}` });
        return;
      }
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of output.subarray(0, split).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === "status") status = Number.parseInt(value, 10) || 500;
        else headers[name] = value;
      }
      resolve({ status, headers, body: output.subarray(split + 4) });
    });
    child.stdin.on("error", () => {
      // The backend may answer (an error) before reading the whole body.
    });
    child.stdin.end(req.body);
  });
}
