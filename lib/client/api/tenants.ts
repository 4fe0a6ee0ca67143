// Target tenants: the token exchange in every tenant of each multi-tenant app.
import { apiRequest } from "./client";

export const tenantsApi = {
  checkAll: () => apiRequest("/api/tenants/check", { method: "POST", schema: () => import("@/lib/schemas/tenants").then((m) => m.tenantsResponseSchema) }),
};
