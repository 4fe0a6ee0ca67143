// The cluster test's proxy is deploy/nginx.conf with the machine-local parts rewritten: a change
// to the deployed file that the rewrite no longer understands fails here, before any cluster starts.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderProxyConfig } from "./nginx-proxy";

const template = readFileSync(path.resolve(__dirname, "../../deploy/nginx.conf"), "utf8");
const layout = { prefix: "/tmp/p", port: 8443, upstreams: ["127.0.0.1:4001", "127.0.0.1:4002"], certFile: "/tmp/p/tls.crt", keyFile: "/tmp/p/tls.key" };

describe("renderProxyConfig", () => {
  it("balances the given replicas on the given port, with the deployed TLS and forwarding settings", () => {
    const config = renderProxyConfig(template, { ...layout, http2Directive: true });
    expect(config).toMatch(/upstream portal \{\n\s*server 127\.0\.0\.1:4001 [^\n]*;\n\s*server 127\.0\.0\.1:4002 [^\n]*;/);
    expect(config).not.toContain("portal:3000");
    expect(config).toContain("listen 127.0.0.1:8443 ssl;");
    expect(config).toContain("http2 on;");
    expect(config).toContain("ssl_certificate /tmp/p/tls.crt;");
    expect(config).not.toContain("listen 80;");
    // What the portal relies on comes from the deployed file unchanged.
    for (const line of ["proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "proxy_set_header X-Request-Id $request_id;", "client_max_body_size 64k;", "location = /metrics {"]) {
      expect(config).toContain(line);
    }
  });

  it("moves HTTP/2 onto the listen line for nginx before 1.25.1", () => {
    const config = renderProxyConfig(template, { ...layout, http2Directive: false });
    expect(config).toContain("listen 127.0.0.1:8443 ssl http2;");
    expect(config).not.toContain("http2 on;");
  });

  it("refuses a template it cannot rewrite", () => {
    expect(() => renderProxyConfig(template.replace("server portal:3000;", "server app:3000;"), { ...layout, http2Directive: true })).toThrow(/deploy\/nginx\.conf changed/);
  });

  it("drops an idle connection to a replica before the replica does, so nginx never reuses one the replica is closing", () => {
    const upstream = /upstream portal \{([^}]*)\}/.exec(template)?.[1] ?? "";
    const seconds = /keepalive_timeout (\d+)s;/.exec(upstream)?.[1];
    expect(seconds, "keepalive_timeout in the upstream block").toBeDefined();
    // The image runs `node server.js`, whose keep-alive timeout is Node's own unless KEEP_ALIVE_TIMEOUT says otherwise.
    const dockerfile = readFileSync(path.resolve(__dirname, "../../Dockerfile"), "utf8");
    const configured = /KEEP_ALIVE_TIMEOUT[= ](\d+)/.exec(dockerfile)?.[1];
    const server = createServer();
    const replicaMs = configured ? Number(configured) : server.keepAliveTimeout;
    server.close();
    expect(Number(seconds) * 1000).toBeLessThan(replicaMs);
  });
});
