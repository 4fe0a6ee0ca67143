// Everything one running sandbox holds: the loaded world, the signing key, grants in flight
// (authorization codes, refresh tokens, pending sign-ins) and injected faults.
import { randomUUID } from "node:crypto";
import type { SigningKey } from "../tls/signing-key";
import type { World } from "../world/schema";
import { FaultStore } from "./faults";
import { Propagation, propagatingKeys } from "./propagation";
import { TokenTally } from "./token-tally";
import { RequestLog } from "./request-log";

/** What an authorization code (and the refresh tokens derived from it) stands for. */
export type UserGrant = {
  clientId: string;
  userOid: string;
  /** Tenant the tokens are issued in (the authority tenant, or the user's home tenant). */
  tenantId: string;
  /** Scopes as requested, including OIDC scopes. */
  scopes: string[];
  nonce?: string;
  /** `spa` codes must be redeemed cross-origin; `web` ones need the client's credential. */
  platform: "spa" | "web";
};

export type AuthorizationCode = UserGrant & {
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  redeemed: boolean;
};

export type RefreshTokenRecord = UserGrant & {
  issuedAt: number;
  expiresAt: number;
  /** Set once the token has been exchanged: rotation makes the old token unusable. */
  replacedAt: number | null;
};

export class SandboxState {
  origin = "";
  miOrigin = "";
  readonly faults = new FaultStore();
  readonly requests = new RequestLog();
  readonly tokenRequests = new TokenTally();
  /** Objects created less than the world's propagation delay ago, hidden from world(). */
  readonly propagation = new Propagation();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Pending interactive requests (authorize, admin consent), keyed by a transaction id in the picker form. */
  readonly transactions = new Map<string, { kind: "authorize" | "adminconsent"; tenantRef: string; params: Record<string, string>; createdAt: number }>();
  /** One browser session for the whole sandbox: Entra's `session_state`. */
  readonly sessionState = randomUUID();
  private current: World;

  constructor(
    initialWorld: World,
    readonly signingKey: SigningKey,
    readonly identityHeader: string,
    private readonly makeDefaultWorld: () => World,
  ) {
    this.current = initialWorld;
  }

  /** The world as Entra and the services see it now: objects still propagating are left out. */
  world(): World {
    return this.propagation.view(this.current);
  }

  /** The world as loaded and changed, including objects still propagating (the admin API's view). */
  fullWorld(): World {
    return this.current;
  }

  /** Loading a world drops every grant: codes and refresh tokens refer to its objects. */
  loadWorld(world: World): void {
    const before = propagatingKeys(this.current);
    this.current = world;
    this.propagation.noteChange(before, world);
    this.codes.clear();
    this.refreshTokens.clear();
    this.transactions.clear();
  }

  reset(): void {
    this.propagation.clear();
    this.loadWorld(this.makeDefaultWorld());
    this.faults.clear();
    this.requests.clear();
    this.tokenRequests.clear();
  }

  mutate(change: (world: World) => void): void {
    const before = propagatingKeys(this.current);
    change(this.current);
    this.propagation.noteChange(before, this.current);
  }
}
