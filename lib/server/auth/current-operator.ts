import "server-only";
// The operator behind the current request. Until operator sign-in through Entra ID lands,
// the portal runs as one local administrator.
import type { Operator } from "./permissions";

export async function getCurrentOperator(): Promise<Operator | null> {
  return { id: "local-admin", name: "Local administrator", role: "admin" };
}
