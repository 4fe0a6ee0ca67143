// Operator sign-in: the popup's nonce, the session, signing out.
import { apiRequest } from "./client";

const answers = () => import("./answers");

export const authApi = {
  nonce: () => apiRequest("/api/auth/nonce", { method: "POST", schema: () => answers().then((m) => m.nonceSchema) }).then((answer) => answer.nonce),
  createSession: (idToken: string) => apiRequest("/api/auth/session", { method: "POST", body: { idToken }, schema: () => answers().then((m) => m.sessionSchema) }),
  signOut: () => apiRequest("/api/auth/sign-out", { method: "POST", schema: null }),
};
