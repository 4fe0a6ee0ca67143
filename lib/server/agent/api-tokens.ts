import "server-only";
// API tokens for automation (CI, infrastructure as code): `tb_` and 32 random bytes in base64url.
// The token is shown once, when it is created; only its SHA-256 hash is stored. A salted, slow
// hash (bcrypt, scrypt) protects guessable passwords; a 256-bit random value cannot be guessed,
// so one SHA-256 is as strong and lets a request find its token with one indexed lookup. Every
// request reads the row, so a revoked or expired token is refused on its next request.
import { createHash, randomBytes } from "node:crypto";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import { AppError, notFound } from "@/lib/server/errors";
import type { ApiTokenDto, ApiTokenScope, CreateApiTokenInput } from "@/lib/schemas/agent-access";
import { invalidToken } from "./verify-agent-access-token";

export const API_TOKEN_PREFIX = "tb_";
/** tb_ and 43 base64url characters (32 bytes). */
export const API_TOKEN_PATTERN = /^tb_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is written at most this often per token, so a busy token does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type ApiTokenCaller = { id: string; name: string; scope: ApiTokenScope };

/** The actor the audit log shows for a token. */
export const apiTokenActor = (token: { id: string; name: string }) => ({ id: `api-token:${token.id}`, name: `API token '${token.name}'` });

type ApiTokenRow = {
  id: string;
  name: string;
  scope: string;
  last4: string;
  createdAt: Date;
  createdByName: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

function toDto(row: ApiTokenRow, now = new Date()): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope === "write" ? "write" : "read",
    last4: row.last4,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    state: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
  };
}

/** The token's caller, or a 401 that says why (unknown, revoked, expired). Reads the row every time. */
export async function findApiTokenCaller(db: Db, token: string, now = new Date()): Promise<ApiTokenCaller> {
  if (!API_TOKEN_PATTERN.test(token)) {
    throw invalidToken("malformed", "The API token is malformed.", "API tokens are tb_ followed by 43 characters; copy the whole token.");
  }
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) } });
  if (!row) throw invalidToken("unknown_token", "The API token is not known.", "Create a token under Settings → Agent access.");
  if (row.revokedAt) throw invalidToken("token_revoked", `The API token '${row.name}' was revoked.`, "Create a new token under Settings → Agent access.");
  if (row.expiresAt <= now) {
    throw invalidToken("token_expired", `The API token '${row.name}' expired on ${row.expiresAt.toISOString()}.`, "Create a new token under Settings → Agent access.");
  }
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < now.getTime() - LAST_USED_EVERY_MS) {
    await db.apiToken.updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] }, data: { lastUsedAt: now } });
  }
  return { id: row.id, name: row.name, scope: row.scope === "write" ? "write" : "read" };
}

/** The operator apiRoute acts as for a token: read → the reader role, write → the admin role, never session-only permissions. */
export function apiTokenOperator(caller: ApiTokenCaller): Operator {
  return { ...apiTokenActor(caller), role: caller.scope === "write" ? "admin" : "reader", via: "api_token" };
}

export async function listApiTokens(db: Db, access: Access<"access.manage">): Promise<ApiTokenDto[]> {
  assertAccess(access, "access.manage");
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((row) => toDto(row));
}

/** Creates a token and answers it once, with its row. */
export async function createApiToken(db: Db, access: Access<"access.manage">, input: CreateApiTokenInput): Promise<{ token: string; apiToken: ApiTokenDto }> {
  assertAccess(access, "access.manage");
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 3600_000);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: {
          name: input.name,
          tokenHash: hashApiToken(token),
          scope: input.scope,
          last4: token.slice(-4),
          createdBy: access.operator.id,
          createdByName: access.operator.name,
          expiresAt,
        },
      });
      await recordAuditEvent(tx, access.operator, {
        action: "api_token.created",
        targetType: "api_token",
        targetId: created.id,
        summary: `Created API token '${created.name}' (${created.scope}, expires ${expiresAt.toISOString().slice(0, 10)})`,
        details: { name: created.name, scope: created.scope, expiresAt: expiresAt.toISOString() },
      });
      return created;
    });
    return { token, apiToken: toDto(row) };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `An API token named '${input.name}' exists.`, { fields: [{ field: "name", message: "is already used by another token" }] });
    }
    throw error;
  }
}

export async function revokeApiToken(db: Db, access: Access<"access.manage">, id: string): Promise<ApiTokenDto> {
  assertAccess(access, "access.manage");
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row) throw notFound("The API token");
    if (row.revokedAt) return toDto(row);
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: access.operator.id } });
    await recordAuditEvent(tx, access.operator, {
      action: "api_token.revoked",
      targetType: "api_token",
      targetId: id,
      summary: `Revoked API token '${row.name}'`,
      details: { name: row.name, scope: row.scope },
    });
    return toDto(revoked);
  });
}
