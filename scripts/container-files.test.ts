// The Dockerfile and compose.yaml cannot be built here (no Docker daemon in CI), so this keeps
// them honest: they must run the same scripts the tests run and probe the same health route.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Instruction = { stage: string; keyword: string; args: string };

/** Dockerfile instructions with line continuations joined and comments dropped, tagged by stage. */
function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  let stage = "";
  return logical.map((line) => {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? "";
    return { stage, keyword: keyword.toUpperCase(), args };
  });
}

/** CMD ["node", "x"] or CMD node x → ["node", "x"]. */
function execForm(args: string): string[] {
  return args.trim().startsWith("[") ? (JSON.parse(args) as string[]) : args.split(/\s+/);
}

const dockerfile = parseDockerfile(read("Dockerfile"));
const compose = load(read("compose.yaml")) as {
  services: Record<string, { build?: unknown; image?: string; deploy?: { replicas?: number }; healthcheck?: { test: string[] }; environment?: Record<string, string>; volumes?: string[] }>;
};
const livenessPath = /export const LIVENESS_PATH = "([^"]+)"/.exec(read("scripts/healthcheck.mjs"))?.[1];

describe("Dockerfile", () => {
  const inStage = (stage: string, keyword: string) => dockerfile.filter((i) => i.stage === stage && i.keyword === keyword);

  it("builds with npm ci and scripts/build-standalone.sh, the script the e2e setup and npm start run", () => {
    const runs = inStage("build", "RUN").map((i) => i.args);
    expect(runs).toContain("npm ci --no-audit --no-fund");
    expect(runs).toContain("bash scripts/build-standalone.sh");
    expect(read("scripts/portal-process.ts")).toContain('"scripts/build-standalone.sh"');
  });

  it("runs the standalone server.js as a non-root user, the way scripts/portal-process.ts starts it", () => {
    expect(inStage("runtime", "COPY").map((i) => i.args)).toContain("--from=build /app/.next/standalone ./");
    const [user] = inStage("runtime", "USER");
    expect(user?.args).toBeDefined();
    expect(["root", "0"]).not.toContain(user?.args);
    expect(execForm(inStage("runtime", "CMD")[0]?.args ?? "")).toEqual(["node", "server.js"]);
    expect(read("scripts/portal-process.ts")).toContain('"standalone/server.js"');
  });

  it("checks health with scripts/healthcheck.mjs on the liveness route that exists", () => {
    const [healthcheck] = inStage("runtime", "HEALTHCHECK");
    expect(healthcheck?.args).toMatch(/CMD \["node", "scripts\/healthcheck\.mjs"\]$/);
    expect(livenessPath).toBe("/api/health/live");
    expect(existsSync(path.join(root, "app/api/health/live/route.ts"))).toBe(true);
  });
});

describe("compose.yaml", () => {
  it("runs PostgreSQL, two portal replicas built from the Dockerfile, and the nginx proxy", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["portal", "postgres", "proxy"]);
    const portal = compose.services.portal;
    expect(portal?.build).toBe(".");
    expect(portal?.deploy?.replicas).toBe(2);
    expect(portal?.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/.+@postgres:5432\//);
  });

  it("checks the replicas with the same command as the Dockerfile's HEALTHCHECK", () => {
    const [healthcheck] = dockerfile.filter((i) => i.keyword === "HEALTHCHECK");
    const dockerCommand = execForm(healthcheck?.args.replace(/^.*?CMD\s+/, "") ?? "");
    expect(compose.services.portal?.healthcheck?.test).toEqual(["CMD", ...dockerCommand]);
  });

  it("proxies TLS to the portal's port with the config file under deploy/", () => {
    const mount = compose.services.proxy?.volumes?.find((volume) => volume.endsWith(":/etc/nginx/nginx.conf:ro"));
    expect(mount).toBe("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
    const nginx = read("deploy/nginx.conf");
    const port = dockerfile.find((i) => i.keyword === "ENV" && /\bPORT=\d+/.test(i.args))?.args.match(/\bPORT=(\d+)/)?.[1];
    expect(nginx).toContain(`server portal:${port};`);
    expect(nginx).toMatch(/listen 443 ssl;/);
    expect(nginx).toContain("proxy_set_header X-Request-Id $request_id;");
  });
});
