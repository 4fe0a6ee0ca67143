import "server-only";
// The operator behind the current request, from the session cookie. Pages use
// getCurrentOperator(); route handlers go through apiRoute, which uses operatorFromRequest().
import { cookies } from "next/headers";
import { db } from "@/lib/server/db/client";
import { readCookie, sessionCookieName } from "./session-cookie";
import { findSessionOperator, type SessionOperator } from "./sessions";

export async function getCurrentOperator(): Promise<SessionOperator | null> {
  const jar = await cookies();
  // Only the name that matches TB_PUBLIC_URL's scheme: over https a plain tb_session could have
  // been planted by a sibling subdomain, which is what the __Host- prefix rules out.
  const token = jar.get(sessionCookieName())?.value;
  return findSessionOperator(db(), token);
}

export async function operatorFromRequest(request: Request): Promise<SessionOperator | null> {
  const header = request.headers.get("cookie");
  const token = readCookie(header, sessionCookieName());
  return findSessionOperator(db(), token);
}
