// Target tenants: the token exchange in every tenant of each multi-tenant app.
import { tenantsResponseSchema } from "@/lib/schemas/tenants";
import { apiRequest } from "./client";

export const tenantsApi = {
  checkAll: () => apiRequest("/api/tenants/check", { method: "POST", schema: tenantsResponseSchema }),
};
