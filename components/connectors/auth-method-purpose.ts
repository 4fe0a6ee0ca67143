import type { AuthMethod } from "@/lib/schemas/connector";

/** What each method is for, in the portal's recommended order of use. */
export const authMethodPurpose: Record<AuthMethod, string> = {
  mi_fic: "Production",
  oauth: "Validation",
  pat: "Fallback",
  managed_identity: "Same tenant",
};
