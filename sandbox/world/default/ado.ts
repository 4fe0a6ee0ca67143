// Azure DevOps in the default world. Litware's org is where the portal's permission checks find
// both passes and failures, each with a cause: the connector's service principal reads
// Payments, may comment on payments-api PRs but is explicitly denied on payments-web, and may
// edit work items under Payments\Checkout but not under Payments\Ledger. The app with the wrong
// FIC subject (WRONG_SUBJECT_APP) has a service principal in Litware but was never
// added to the org (TF401444), and the Treasury project is invisible to
// the connector (VS800075).
import type { z } from "zod";
import type { adoSchema } from "../ado";
import { CONNECTOR_APP, TENANT, USER } from "./ids";

export const ADO_IDS = {
  litware: {
    organization: "11700000-ad00-4000-8000-000000000001",
    payments: "11700000-ad00-4000-8000-000000000101",
    treasury: "11700000-ad00-4000-8000-000000000102",
    paymentsApi: "11700000-ad00-4000-8000-000000000201",
    paymentsWeb: "11700000-ad00-4000-8000-000000000202",
    treasuryCore: "11700000-ad00-4000-8000-000000000203",
    areaPayments: "11700000-ad00-4000-8000-000000000301",
    areaCheckout: "11700000-ad00-4000-8000-000000000302",
    areaLedger: "11700000-ad00-4000-8000-000000000303",
    areaTreasury: "11700000-ad00-4000-8000-000000000304",
  },
  fabrikam: {
    organization: "fab00000-ad00-4000-8000-000000000001",
    storefront: "fab00000-ad00-4000-8000-000000000101",
    storefrontRepo: "fab00000-ad00-4000-8000-000000000201",
    areaStorefront: "fab00000-ad00-4000-8000-000000000301",
  },
} as const;

/** Personal access tokens of dev@litware (sandbox values only). */
export const ADO_PATS = {
  devCodeAndWork: "sandbox-pat-dev-litware-code-work-7f3c9a",
  devExpired: "sandbox-pat-dev-litware-expired-2b81d0",
  devCodeOnly: "sandbox-pat-dev-litware-code-only-c45e17",
  devRevoked: "sandbox-pat-dev-litware-revoked-93aa42",
} as const;

const L = ADO_IDS.litware;
const F = ADO_IDS.fabrikam;
const seeded = "2025-01-06T09:00:00Z";

export const adoPart: z.input<typeof adoSchema> = {
  organizations: [
    {
      name: "litware",
      id: L.organization,
      tenantId: TENANT.litware,
      collectionAdministrators: [USER.litwareAdmin.oid],
      members: [
        { principalId: USER.litwareAdmin.oid, kind: "user", displayName: "Litware Admin", uniqueName: USER.litwareAdmin.upn, accessLevel: "basic" },
        { principalId: USER.litwareDev.oid, kind: "user", displayName: "Litware Developer", uniqueName: USER.litwareDev.upn, accessLevel: "basic" },
        { principalId: USER.litwareIntern.oid, kind: "user", displayName: "Litware Intern", uniqueName: USER.litwareIntern.upn, accessLevel: "stakeholder" },
        { principalId: CONNECTOR_APP.spLitware, kind: "servicePrincipal", displayName: "TenantBridge Connector", accessLevel: "basic" },
      ],
      pats: [
        { token: ADO_PATS.devCodeAndWork, ownerId: USER.litwareDev.oid, displayName: "agent code and work items", scopes: ["vso.code", "vso.work_write"], validTo: "2099-12-31T00:00:00Z" },
        { token: ADO_PATS.devExpired, ownerId: USER.litwareDev.oid, displayName: "old token", scopes: ["vso.code", "vso.work_write"], validTo: "2024-06-30T00:00:00Z" },
        { token: ADO_PATS.devCodeOnly, ownerId: USER.litwareDev.oid, displayName: "read code only", scopes: ["vso.code"], validTo: "2099-12-31T00:00:00Z" },
        { token: ADO_PATS.devRevoked, ownerId: USER.litwareDev.oid, displayName: "revoked token", scopes: ["vso.code"], validTo: "2099-12-31T00:00:00Z", revoked: true },
      ],
      projects: [
        {
          id: L.payments,
          name: "Payments",
          description: "Card payments, checkout and the ledger",
          lastUpdateTime: seeded,
          groups: {
            readers: [CONNECTOR_APP.spLitware, USER.litwareIntern.oid],
            contributors: [USER.litwareDev.oid],
            projectAdministrators: [USER.litwareAdmin.oid],
          },
          repositories: [
            {
              id: L.paymentsApi,
              name: "payments-api",
              files: [
                { path: "/README.md", content: "# payments-api\n\nCard authorization, capture and refunds for Litware checkout.\n" },
                { path: "/src/refunds.ts", content: "export function refundAmount(captured: number, requested: number): number {\n  return Math.min(captured, requested);\n}\n" },
                { path: "/docs/runbook.md", content: "# Runbook\n\nIf refunds fail with 409, check the idempotency key store.\n" },
              ],
              pullRequests: [
                {
                  pullRequestId: 1,
                  title: "Add idempotency keys to refunds",
                  sourceRefName: "refs/heads/feature/refund-idempotency",
                  targetRefName: "refs/heads/main",
                  createdById: USER.litwareDev.oid,
                  creationDate: seeded,
                },
              ],
              permissions: [{ principalId: CONNECTOR_APP.spLitware, allow: ["PullRequestContribute"] }],
            },
            {
              id: L.paymentsWeb,
              name: "payments-web",
              files: [{ path: "/README.md", content: "# payments-web\n\nThe checkout pages.\n" }],
              pullRequests: [
                {
                  pullRequestId: 2,
                  title: "Tighten checkout button spacing",
                  sourceRefName: "refs/heads/fix/button-spacing",
                  targetRefName: "refs/heads/main",
                  createdById: USER.litwareDev.oid,
                  creationDate: seeded,
                },
              ],
              permissions: [{ principalId: CONNECTOR_APP.spLitware, deny: ["PullRequestContribute"] }],
            },
          ],
          areas: {
            id: 1001,
            identifier: L.areaPayments,
            name: "Payments",
            children: [
              { id: 1002, identifier: L.areaCheckout, name: "Checkout", permissions: [{ principalId: CONNECTOR_APP.spLitware, allow: ["WORK_ITEM_READ", "WORK_ITEM_WRITE"] }] },
              { id: 1003, identifier: L.areaLedger, name: "Ledger" },
            ],
          },
        },
        {
          id: L.treasury,
          name: "Treasury",
          description: "Cash management; the connector is not a member",
          lastUpdateTime: seeded,
          groups: { readers: [], contributors: [], projectAdministrators: [USER.litwareAdmin.oid] },
          repositories: [{ id: L.treasuryCore, name: "treasury-core", files: [{ path: "/README.md", content: "# treasury-core\n" }] }],
          areas: { id: 1004, identifier: L.areaTreasury, name: "Treasury" },
        },
      ],
      workItems: [
        {
          id: 1,
          projectId: L.payments,
          type: "Bug",
          title: "Checkout latency spike after 18:00 UTC",
          areaPath: "Payments\\Checkout",
          state: "Active",
          createdById: USER.litwareDev.oid,
          createdDate: seeded,
        },
      ],
    },
    {
      name: "fabrikam",
      id: F.organization,
      tenantId: TENANT.fabrikam,
      collectionAdministrators: [USER.fabrikamAdmin.oid],
      members: [{ principalId: USER.fabrikamAdmin.oid, kind: "user", displayName: "Fabrikam Admin", uniqueName: USER.fabrikamAdmin.upn, accessLevel: "basic" }],
      projects: [
        {
          id: F.storefront,
          name: "Storefront",
          lastUpdateTime: seeded,
          groups: { projectAdministrators: [USER.fabrikamAdmin.oid] },
          repositories: [{ id: F.storefrontRepo, name: "storefront", files: [{ path: "/README.md", content: "# storefront\n" }] }],
          areas: { id: 2001, identifier: F.areaStorefront, name: "Storefront" },
        },
      ],
    },
  ],
};
