// Signed-in requests for route-handler tests: a real session row and its cookie, exactly as
// sign-in creates them.
import { createSession } from "@/lib/server/auth/sessions";
import type { Role } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";

/** `cookieName` is __Host-tb_session when the test's TB_PUBLIC_URL is https. */
export async function sessionCookie(db: Db, role: Role, lifetimeHours = 1, cookieName = "tb_session"): Promise<string> {
  const { token } = await createSession(
    db,
    { operatorId: `${role}-oid`, tenantId: "c0550000-0000-4000-8000-000000000001", name: `Test ${role}`, username: `${role}@contoso.example`, role },
    lifetimeHours,
  );
  return `${cookieName}=${token}`;
}
