import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import type { Operator, Role } from "./permissions";

export type SessionOperator = Operator & { tenantId: string; username: string; sessionId: string; expiresAt: Date };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(
  db: Db,
  identity: { operatorId: string; tenantId: string; name: string; username: string; role: Role },
  lifetimeHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + lifetimeHours * 3600_000);
  await db.operatorSession.create({ data: { ...identity, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

/** The operator behind a session token, or null when it is unknown, revoked or expired. */
export async function findSessionOperator(db: Db, token: string | undefined): Promise<SessionOperator | null> {
  if (!token || token.length > 200) return null;
  const session = await db.operatorSession.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  return {
    id: session.operatorId,
    name: session.name,
    role: session.role === "admin" ? "admin" : "reader",
    tenantId: session.tenantId,
    username: session.username,
    sessionId: session.id,
    expiresAt: session.expiresAt,
  };
}

export async function revokeSession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.operatorSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}
