import "server-only";
// Reads a few claims of a token the chain just received, to show who it names. The payload is
// decoded, not verified (the service that receives the token verifies it); the token itself is
// never shown or stored.
import { decodeJwt } from "jose";

export type TokenClaims = { iss?: string; sub?: string; aud?: string; oid?: string; tid?: string; appid?: string; exp?: number };

export function tokenClaims(token: string): TokenClaims {
  try {
    const claims = decodeJwt(token);
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    return {
      iss: text(claims.iss),
      sub: text(claims.sub),
      aud: Array.isArray(claims.aud) ? claims.aud.join(" ") : text(claims.aud),
      oid: text(claims.oid),
      tid: text(claims.tid),
      appid: text(claims.appid) ?? text(claims.azp),
      exp: typeof claims.exp === "number" ? claims.exp : undefined,
    };
  } catch {
    // Not a JWT (an opaque token): nothing to show, which is not a failure of the chain.
    return {};
  }
}
