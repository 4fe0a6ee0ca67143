// Operator sign-in: the popup's nonce, the session, signing out.
import { z } from "zod";
import { apiRequest } from "./client";

export const authApi = {
  nonce: () => apiRequest("/api/auth/nonce", { method: "POST", schema: z.object({ nonce: z.string() }) }).then((answer) => answer.nonce),
  createSession: (idToken: string) =>
    apiRequest("/api/auth/session", { method: "POST", body: { idToken }, schema: z.object({ name: z.string(), username: z.string(), role: z.enum(["admin", "reader"]), expiresAt: z.string() }) }),
  signOut: () => apiRequest("/api/auth/sign-out", { method: "POST", schema: null }),
};
