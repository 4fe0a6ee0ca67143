// The sandbox cloud as a library: one HTTPS origin (Entra ID, Graph, the resource services,
// the admin API) and one plain-HTTP origin for the managed identity endpoint, both on loopback.
// Used by the CLI, by integration tests (free ports) and by the e2e global setup.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import path from "node:path";
import { handleAdmin } from "./admin/admin-api";
import type { SandboxContext, SandboxRequest, SandboxResponse } from "./contract";
import { json, notFound, readBody, withCors, writeResponse } from "./core/http";
import { SandboxState } from "./core/state";
import { handleEntra } from "./entra/routes";
import { newTraceId, verifyAccessToken } from "./entra/tokens";
import { handleGraph } from "./graph/routes";
import { handleManagedIdentity } from "./mi/managed-identity";
import { resourceServices } from "./services";
import { ensureCertificates } from "./tls/certificates";
import { loadSigningKey } from "./tls/signing-key";
import { defaultWorld } from "./world/default";
import { DEFAULT_IDENTITY_HEADER } from "./world/default/ids";
import { parseWorld } from "./world/load-world";
import type { World } from "./world/schema";

export type StartSandboxOptions = {
  /** HTTPS port; 0 picks a free one. Default 8443. */
  httpsPort?: number;
  /** Managed identity (HTTP) port; 0 picks a free one. Default 8444. */
  miPort?: number;
  /** Where the CA, server certificate and signing key live. Default `.data/sandbox` in the repo. */
  dataDir?: string;
  world?: World;
  /** The App Service managed identity secret (IDENTITY_HEADER). */
  identityHeader?: string;
  /** No access log. */
  quiet?: boolean;
};

export type RunningSandbox = {
  origin: string;
  miOrigin: string;
  caPath: string;
  /** The environment that points a client (the portal, a test process) at this sandbox. */
  env: Record<string, string>;
  stop(): Promise<void>;
  /** Validates and loads a world document; throws with the issues when it is invalid. */
  loadWorld(world: unknown): void;
  world(): World;
};

export const REPO_ROOT = path.resolve(__dirname, "..");
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data", "sandbox");

/** The environment that points a client at a sandbox with these origins (also for one another process started). */
export function sandboxClientEnv(sandbox: { origin: string; miOrigin: string; caPath: string; identityHeader: string }): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: sandbox.caPath,
    AZURE_AUTHORITY_HOST: sandbox.origin,
    IDENTITY_ENDPOINT: `${sandbox.miOrigin}/msi/token`,
    IDENTITY_HEADER: sandbox.identityHeader,
    AZURE_POD_IDENTITY_AUTHORITY_HOST: sandbox.miOrigin,
    TB_ADO_BASE_URL: `${sandbox.origin}/ado`,
    TB_KUSTO_BASE_URL: `${sandbox.origin}/kusto`,
    TB_ARM_BASE_URL: `${sandbox.origin}/arm`,
    TB_GRAPH_BASE_URL: `${sandbox.origin}/graph`,
    TB_STORAGE_BLOB_URL: `${sandbox.origin}/storage/{account}`,
    TB_KEY_VAULT_URL: `${sandbox.origin}/keyvault/{vault}`,
    TB_SANDBOX_ADMIN_URL: `${sandbox.origin}/_sandbox`,
  };
}

const LOOPBACK_PEERS = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const certificates = ensureCertificates(dataDir);
  const initial = parseWorld(options.world ?? defaultWorld());
  if (!initial.ok) throw new Error(`Invalid sandbox world: ${JSON.stringify(initial.issues)}`);
  const state = new SandboxState(initial.world, loadSigningKey(dataDir), options.identityHeader ?? DEFAULT_IDENTITY_HEADER, defaultWorld);
  const context: SandboxContext = {
    world: () => state.world(),
    mutate: (change) => state.mutate(change),
    get origin() {
      return state.origin;
    },
    dataDir,
    verifyAccessToken: (jwt) => verifyAccessToken(state, jwt),
    newTraceId,
  };
  const log = options.quiet ? () => {} : (line: string) => console.log(line);

  const env = (): Record<string, string> => sandboxClientEnv({ origin: state.origin, miOrigin: state.miOrigin, caPath: certificates.caPath, identityHeader: state.identityHeader });

  const route = async (req: SandboxRequest): Promise<SandboxResponse> => {
    const graph = await handleGraph(req, state);
    if (graph) return graph;
    const service = resourceServices.find((s) => req.url.pathname === s.prefix || req.url.pathname.startsWith(`${s.prefix}/`));
    if (service) return (await service.handle(req, context)) ?? notFound();
    return (await handleEntra(req, state)) ?? notFound();
  };

  const serve = (listener: "https" | "mi") => async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const base = listener === "https" ? state.origin : state.miOrigin;
    let response: SandboxResponse | null = null;
    try {
      const url = new URL(req.url ?? "/", base);
      // A generated world (the health benchmark's 10,000 organizations) is larger than any API body.
      const request: SandboxRequest = { method: req.method ?? "GET", url, headers: req.headers, body: await readBody(req, url.pathname === "/_sandbox/world" ? 256 * 1024 * 1024 : undefined) };
      const pathname = request.url.pathname;
      if (listener === "https" && pathname.startsWith("/_sandbox")) {
        response = LOOPBACK_PEERS.has(req.socket.remoteAddress ?? "")
          ? await handleAdmin(request, state, { env })
          : json(403, { error: "forbidden", message: "The admin API answers loopback callers only." });
      } else {
        const fault = state.faults.take(request.method, pathname);
        if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
        if (fault.hang) {
          log(`${listener} ${request.method} ${pathname} -> (hang injected)`);
          return; // never answered; stop() closes the socket
        }
        response = fault.response ? withCors(request, fault.response) : listener === "https" ? await route(request) : ((await handleManagedIdentity(request, state)) ?? notFound());
      }
    } catch (err) {
      console.error("sandbox: unhandled error", err);
      response = json(500, { error: { code: "InternalServerError", message: "The sandbox failed to handle the request." } });
    }
    if (!response) response = notFound();
    writeResponse(res, response);
    const clientRequestId = req.headers["x-ms-client-request-id"] ?? req.headers["client-request-id"];
    if (!req.url?.startsWith("/_sandbox")) {
      state.requests.add({
        listener,
        method: req.method ?? "GET",
        path: req.url?.split("?")[0] ?? "/",
        status: response.status,
        clientRequestId: (Array.isArray(clientRequestId) ? clientRequestId[0] : clientRequestId) ?? null,
        at: new Date().toISOString(),
      });
    }
    log(`${listener} ${req.method} ${req.url?.split("?")[0]} -> ${response.status} ${Date.now() - started}ms`);
  };

  const httpsPorts = await listenLoopback(() => createHttpsServer({ key: certificates.keyPem, cert: certificates.certPem }, serve("https")), options.httpsPort ?? 8443);
  const miPorts = await listenLoopback(() => createHttpServer(serve("mi")), options.miPort ?? 8444);
  state.origin = `https://localhost:${httpsPorts.port}`;
  state.miOrigin = `http://localhost:${miPorts.port}`;

  return {
    origin: state.origin,
    miOrigin: state.miOrigin,
    caPath: certificates.caPath,
    env: env(),
    world: () => state.world(),
    loadWorld(input: unknown) {
      const parsed = parseWorld(input);
      if (!parsed.ok) throw new Error(`Invalid sandbox world: ${JSON.stringify(parsed.issues)}`);
      state.loadWorld(parsed.world);
    },
    async stop() {
      await Promise.all([...httpsPorts.servers, ...miPorts.servers].map(closeServer));
    },
  };
}

/**
 * Listens on 127.0.0.1 and, when the host has IPv6 loopback, on ::1 with the same port: clients
 * resolve `localhost` to either, and binding only loopback keeps the sandbox off the network.
 */
async function listenLoopback(makeServer: () => Server, port: number): Promise<{ port: number; servers: Server[] }> {
  const v4 = makeServer();
  await new Promise<void>((resolve, reject) => {
    v4.once("error", reject);
    v4.listen(port, "127.0.0.1", () => resolve());
  });
  const address = v4.address();
  const chosen = typeof address === "object" && address ? address.port : port;
  const v6 = makeServer();
  const v6Listening = await new Promise<boolean>((resolve) => {
    v6.once("error", () => resolve(false));
    v6.listen(chosen, "::1", () => resolve(true));
  });
  return { port: chosen, servers: v6Listening ? [v4, v6] : [v4] };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
