// How each sign-in method of a connector is named on screen. Without zod, so a page that only
// shows a connector's method does not load the contracts' schemas.
import type { AuthMethod } from "./connector";

export const authMethodLabels: Record<AuthMethod, string> = {
  mi_fic: "Managed identity + federated credential",
  oauth: "OAuth sign-in",
  pat: "Personal access token",
  managed_identity: "Managed identity (same tenant)",
};
