// The seam between the sandbox's HTTP core (server, Entra ID, managed identity, Graph,
// admin API) and the resource services it hosts (Azure DevOps, Kusto, ARM). Each service is
// a function from a parsed request to a response, so services never touch sockets and the
// core owns TLS, CORS, fault injection and logging.
import type { IncomingHttpHeaders } from "node:http";
import type { World } from "./world/schema";

export type SandboxRequest = {
  method: string;
  /** The full URL on the sandbox origin: a service's path still starts with its prefix. */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

export type SandboxResponse = {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; any other value is sent as JSON. */
  body?: unknown;
};

/** Claims of an access token that the sandbox's Entra ID issued and whose signature checked out. */
export type AccessTokenClaims = {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  sub: string;
  appid?: string;
  azp?: string;
  idtyp?: "app" | "user";
  upn?: string;
  preferred_username?: string;
  name?: string;
  roles?: string[];
  scp?: string;
  exp: number;
  nbf: number;
  iat: number;
};

export type SandboxContext = {
  /** The loaded world. Services read it on every request; the admin API can swap it. */
  world(): World;
  /** Apply a change to the loaded world (a PR thread, a work item, a created FIC). */
  mutate(change: (world: World) => void): void;
  /** https://localhost:PORT, the origin of the HTTPS listener. */
  origin: string;
  /** The sandbox's data folder (CA, keys, the git repositories behind ADO). */
  dataDir: string;
  /**
   * Verify a sandbox-issued JWT (signature, sandbox issuer, nbf, and exp without clock skew, so
   * tests can expire a token in a second). Returns null when it is not valid. Audience is the
   * service's check.
   */
  verifyAccessToken(jwt: string): Promise<AccessTokenClaims | null>;
  /** A fresh GUID used as trace / activity id in error bodies. */
  newTraceId(): string;
};

/** A resource service mounted under a path prefix of the HTTPS listener (e.g. "/ado"). */
export type SandboxService = {
  name: string;
  prefix: string;
  /** Returns null when the path is not one the service knows (the core answers 404). */
  handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse | null>;
};
