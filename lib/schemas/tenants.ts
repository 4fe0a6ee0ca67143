// The Tenants view: every target tenant of each multi-tenant app the MI + FIC connectors use.
import { z } from "zod";
import { connectorKinds, connectorStatuses } from "./connector";

/** consented: the last exchange passed; not_consented: the app has no service principal there (AADSTS700016, 65001). */
export const consentStates = ["consented", "not_consented", "failing", "unknown"] as const;
export type ConsentState = (typeof consentStates)[number];

export const tenantExchangeSchema = z.object({
  at: z.string(),
  outcome: z.enum(["pass", "fail", "unknown"]),
  code: z.string().nullable(),
  title: z.string().nullable(),
  fix: z.string().nullable(),
  servicePrincipalId: z.string().nullable(),
  /** Where it comes from: "check all tenants", or a connector's chain test. */
  from: z.enum(["tenant_check", "chain_test"]),
});

export const tenantRowSchema = z.object({
  tenantId: z.string(),
  consent: z.enum(consentStates),
  consentUrl: z.string(),
  lastExchange: tenantExchangeSchema.nullable(),
  connectors: z.array(z.object({ id: z.string(), displayName: z.string(), kind: z.enum(connectorKinds), status: z.enum(connectorStatuses) })),
});

export const tenantAppSchema = z.object({ appClientId: z.string(), tenants: z.array(tenantRowSchema) }).meta({ id: "TenantApp" });
export const tenantsResponseSchema = z.object({ apps: z.array(tenantAppSchema) });

export type TenantExchangeDto = z.infer<typeof tenantExchangeSchema>;
export type TenantRowDto = z.infer<typeof tenantRowSchema>;
export type TenantAppDto = z.infer<typeof tenantAppSchema>;
