// A SandboxContext for unit tests of the resource services: the ADO, Kusto and ARM parts of
// the default world, and access tokens signed with a per-run test key. The services' own
// logic runs unchanged; only the core's token verification is replaced by an equivalent one.
import { SignJWT, jwtVerify } from "jose";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { AccessTokenClaims, SandboxContext, SandboxRequest } from "../../contract";
import { adoSchema } from "../../world/ado";
import { armSchema } from "../../world/arm";
import { adoPart } from "../../world/default/ado";
import { armPart } from "../../world/default/arm";
import { kustoPart } from "../../world/default/kusto";
import { kustoSchema } from "../../world/kusto";
import type { World } from "../../world/schema";

export const TEST_ORIGIN = "https://localhost:8443";
const key = randomBytes(32);

export type TestContext = SandboxContext & { current: World };

export function testContext(): TestContext {
  // The services read only world.ado, world.kusto and world.arm, so the identity part is left out
  // to keep these tests independent of it.
  const world = {
    name: "unit",
    ado: adoSchema.parse(adoPart),
    kusto: kustoSchema.parse(kustoPart),
    arm: armSchema.parse(armPart),
  } as unknown as World;
  const ctx: TestContext = {
    current: world,
    world: () => ctx.current,
    mutate: (change) => change(ctx.current),
    origin: TEST_ORIGIN,
    dataDir: path.join(os.tmpdir(), "tb-sandbox-unit"),
    newTraceId: () => randomUUID(),
    verifyAccessToken: async (jwt) => {
      try {
        const { payload } = await jwtVerify(jwt, key);
        return payload as unknown as AccessTokenClaims;
      } catch {
        return null;
      }
    },
  };
  return ctx;
}

export type TokenOptions = {
  aud: string;
  tid: string;
  oid: string;
  appid?: string;
  idtyp?: "app" | "user";
  upn?: string;
  scp?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
};

export async function signTestToken(options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { expiresIn = 3600, ...claims } = options;
  return new SignJWT({ ...claims, sub: options.oid, iss: `${TEST_ORIGIN}/${options.tid}/` })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(now + expiresIn)
    .sign(key);
}

export function request(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}): SandboxRequest {
  const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof init.body === "string" ? init.body : JSON.stringify(init.body));
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return { method, url: new URL(path, TEST_ORIGIN), headers, body };
}
