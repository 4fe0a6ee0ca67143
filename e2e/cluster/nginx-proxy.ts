// nginx in front of the portal replicas for the cluster test, with the very configuration the
// deployment ships (deploy/nginx.conf): only what differs between a compose network and one
// machine is rewritten (the replicas' addresses, the listening port, the certificate paths, the
// log and temp folders), so a change to the deployed proxy is tested here.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const TEMPLATE = path.resolve(__dirname, "../../deploy/nginx.conf");

export function nginxBinary(): string {
  const configured = process.env.TB_NGINX_PATH;
  if (configured) return configured;
  const onPath = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  if (existsSync("/usr/sbin/nginx")) return "/usr/sbin/nginx";
  throw new Error("nginx was not found. Run `npm run test:tools` (as root it installs Debian's nginx-light), or: sudo apt-get install -y nginx-light");
}

/** nginx before 1.25.1 (Debian 12 ships 1.22) has no `http2 on;`; HTTP/2 is a flag of `listen` there. */
function hasHttp2Directive(binary: string): boolean {
  const version = /nginx\/(\d+)\.(\d+)\.(\d+)/
    .exec(spawnSync(binary, ["-v"], { encoding: "utf8" }).stderr)
    ?.slice(1)
    .map(Number) ?? [0, 0, 0];
  const [major = 0, minor = 0, patch = 0] = version;
  return major > 1 || (major === 1 && (minor > 25 || (minor === 25 && patch >= 1)));
}

export type ProxyLayout = { prefix: string; port: number; upstreams: string[]; certFile: string; keyFile: string; http2Directive: boolean };

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`deploy/nginx.conf changed: ${pattern} no longer matches; update e2e/cluster/nginx-proxy.ts`);
  return text.replace(pattern, replacement);
}

/** deploy/nginx.conf with the machine-local parts rewritten. */
export function renderProxyConfig(template: string, layout: ProxyLayout): string {
  let config = template;
  const isRoot = process.getuid?.() === 0;
  // As root the workers would drop to www-data, which cannot write the temp folders in a private
  // prefix; a test proxy on loopback has no one to separate from.
  config = replaceOnce(config, /^worker_processes auto;$/m, `${isRoot ? "user root;\n" : ""}worker_processes 1;\npid ${layout.prefix}/nginx.pid;\nerror_log ${layout.prefix}/error.log warn;`);
  config = replaceOnce(config, /^(\s*)server portal:3000;$/m, layout.upstreams.map((upstream) => `$1server ${upstream} max_fails=1 fail_timeout=2s;`).join("\n"));
  // Compose publishes 80 for the redirect to https; one test port is enough here.
  config = replaceOnce(config, /\n\s*server \{\n\s*listen 80;\n\s*return 301[^\n]*\n\s*\}\n/, "\n");
  const listen = (address: string) => `listen ${address}:${layout.port} ssl${layout.http2Directive ? "" : " http2"};`;
  config = replaceOnce(config, /listen 443 ssl;/, `${listen("127.0.0.1")}\n    ${listen("[::1]")}`);
  if (!layout.http2Directive) config = replaceOnce(config, /\n\s*http2 on;/, "");
  config = replaceOnce(config, /ssl_certificate \/etc\/nginx\/tls\/tls\.crt;/, `ssl_certificate ${layout.certFile};`);
  config = replaceOnce(config, /ssl_certificate_key \/etc\/nginx\/tls\/tls\.key;/, `ssl_certificate_key ${layout.keyFile};`);
  config = replaceOnce(config, /access_log \/dev\/stdout access_json;/, `access_log ${layout.prefix}/access.log access_json;`);
  config = replaceOnce(config, /error_log \/dev\/stderr warn;/, `error_log ${layout.prefix}/error.log warn;`);
  const temp = ["client_body", "proxy"].map((kind) => `  ${kind}_temp_path ${layout.prefix}/temp/${kind};`).join("\n");
  config = replaceOnce(config, /^http \{$/m, `http {\n${temp}`);
  return config;
}

export type RunningProxy = { origin: string; prefix: string; child: ChildProcess; accessLog(): string; stop(): Promise<void> };

/**
 * Copies the proxy's access log (which replica served each request) and error log (why a request
 * got a 502) to `dir`, to be read beside the replica logs; returns the files copied.
 */
export function keepProxyLogs(prefix: string, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ["access.log", "error.log"].flatMap((name) => {
    if (!existsSync(path.join(prefix, name))) return [];
    copyFileSync(path.join(prefix, name), path.join(dir, name));
    return [path.relative(process.cwd(), path.join(dir, name))];
  });
}

export async function startNginxProxy(options: { prefix: string; port: number; upstreams: string[]; certPem: string; keyPem: string }): Promise<RunningProxy> {
  const binary = nginxBinary();
  mkdirSync(path.join(options.prefix, "temp"), { recursive: true });
  const certFile = path.join(options.prefix, "tls.crt");
  const keyFile = path.join(options.prefix, "tls.key");
  writeFileSync(certFile, options.certPem);
  writeFileSync(keyFile, options.keyPem, { mode: 0o600 });
  const confFile = path.join(options.prefix, "nginx.conf");
  const layout = { prefix: options.prefix, port: options.port, upstreams: options.upstreams, certFile, keyFile, http2Directive: hasHttp2Directive(binary) };
  writeFileSync(confFile, renderProxyConfig(readFileSync(TEMPLATE, "utf8"), layout));

  const test = spawnSync(binary, ["-t", "-p", options.prefix, "-e", path.join(options.prefix, "error.log"), "-c", confFile], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx refused the rendered ${confFile}:\n${test.stderr}`);
  const child = spawn(binary, ["-p", options.prefix, "-e", path.join(options.prefix, "error.log"), "-c", confFile, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `https://localhost:${options.port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited during start (code ${child.exitCode}).\n${output}`);
    try {
      // The runner trusts the sandbox CA (NODE_EXTRA_CA_CERTS), which signed the proxy's certificate.
      if ((await fetch(`${origin}/api/health/live`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nginx did not answer ${origin}/api/health/live within 15 s.\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    prefix: options.prefix,
    child,
    accessLog: () => (existsSync(path.join(options.prefix, "access.log")) ? readFileSync(path.join(options.prefix, "access.log"), "utf8") : ""),
    async stop() {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
