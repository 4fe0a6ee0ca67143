// Kusto in the default world: Litware's cluster, where the connector app is a viewer of
// Telemetry (its probe query passes) and has no role on Billing (ADX's 403, whose fix is
// `.add database Billing viewers ('aadapp=<appId>;<tenantId>')`). The intern is only a
// monitor, which cannot read data either.
import type { z } from "zod";
import type { kustoSchema } from "../kusto";
import { CONNECTOR_APP, TENANT, USER } from "./ids";

export const KUSTO_IDS = {
  telemetry: "11700000-c000-4000-8000-000000000001",
  billing: "11700000-c000-4000-8000-000000000002",
} as const;

const lit = TENANT.litware;
const app = (appId: string) => `aadapp=${appId};${lit}`;
const user = (oid: string) => `aaduser=${oid};${lit}`;

const requestRows: [string, string, string, number, boolean, string][] = [
  ["2025-01-06T08:00:00Z", "GET /checkout", "200", 120, true, "westeurope"],
  ["2025-01-06T08:01:00Z", "POST /payments", "201", 340, true, "westeurope"],
  ["2025-01-06T08:02:00Z", "POST /payments", "500", 2900, false, "westeurope"],
  ["2025-01-06T08:03:00Z", "GET /checkout", "200", 95, true, "northeurope"],
  ["2025-01-06T08:04:00Z", "POST /refunds", "409", 210, false, "northeurope"],
  ["2025-01-06T08:05:00Z", "GET /ledger", "200", 60, true, "westeurope"],
  ["2025-01-06T08:06:00Z", "POST /payments", "201", 310, true, "northeurope"],
  ["2025-01-06T08:07:00Z", "GET /checkout", "503", 5000, false, "westeurope"],
  ["2025-01-06T08:08:00Z", "POST /refunds", "200", 180, true, "westeurope"],
  ["2025-01-06T08:09:00Z", "GET /checkout", "200", 101, true, "northeurope"],
];

const incidentRows: [number, string, number, string, string, string][] = [
  [101, "Checkout 5xx above 2%", 2, "Active", "payments-web", "2025-01-02T18:04:00Z"],
  [102, "Refund idempotency conflicts", 3, "Resolved", "payments-api", "2025-01-02T19:30:00Z"],
  [103, "Ledger export delayed", 4, "Resolved", "ledger", "2025-01-03T02:10:00Z"],
  [104, "Card authorization timeouts", 1, "Active", "payments-api", "2025-01-03T11:45:00Z"],
  [105, "Checkout latency spike", 2, "Mitigated", "payments-web", "2025-01-04T18:01:00Z"],
  [106, "Webhook retries exhausted", 3, "Active", "payments-api", "2025-01-04T21:15:00Z"],
  [107, "Settlement file missing", 2, "Resolved", "ledger", "2025-01-05T06:00:00Z"],
  [108, "Fraud rules not loading", 3, "Active", "payments-api", "2025-01-05T09:20:00Z"],
  [109, "Certificate expiring in 7 days", 4, "Active", "payments-web", "2025-01-05T12:00:00Z"],
  [110, "Duplicate ledger entries", 2, "Mitigated", "ledger", "2025-01-06T07:40:00Z"],
];

export const kustoPart: z.input<typeof kustoSchema> = {
  clusters: [
    {
      name: "litware",
      tenantId: lit,
      databases: [
        {
          name: "Telemetry",
          id: KUSTO_IDS.telemetry,
          principals: [
            { role: "admins", fqn: user(USER.litwareAdmin.oid), displayName: `Litware Admin (upn: ${USER.litwareAdmin.upn})` },
            { role: "users", fqn: user(USER.litwareDev.oid), displayName: `Litware Developer (upn: ${USER.litwareDev.upn})` },
            { role: "viewers", fqn: app(CONNECTOR_APP.appId), displayName: "TenantBridge Connector" },
            { role: "monitors", fqn: user(USER.litwareIntern.oid), displayName: `Litware Intern (upn: ${USER.litwareIntern.upn})` },
          ],
          tables: [
            {
              name: "Requests",
              columns: [
                { name: "Timestamp", type: "datetime" },
                { name: "Name", type: "string" },
                { name: "ResultCode", type: "string" },
                { name: "DurationMs", type: "long" },
                { name: "Success", type: "bool" },
                { name: "Region", type: "string" },
              ],
              rows: requestRows,
            },
            {
              name: "Incidents",
              columns: [
                { name: "IncidentId", type: "long" },
                { name: "Title", type: "string" },
                { name: "Severity", type: "int" },
                { name: "Status", type: "string" },
                { name: "Service", type: "string" },
                { name: "CreatedAt", type: "datetime" },
              ],
              rows: incidentRows,
            },
          ],
        },
        {
          name: "Billing",
          id: KUSTO_IDS.billing,
          principals: [
            { role: "admins", fqn: user(USER.litwareAdmin.oid), displayName: `Litware Admin (upn: ${USER.litwareAdmin.upn})` },
            { role: "users", fqn: user(USER.litwareDev.oid), displayName: `Litware Developer (upn: ${USER.litwareDev.upn})` },
          ],
          tables: [
            {
              name: "Invoices",
              columns: [
                { name: "InvoiceId", type: "string" },
                { name: "Customer", type: "string" },
                { name: "AmountEur", type: "real" },
                { name: "Paid", type: "bool" },
              ],
              rows: [
                ["INV-0001", "Northwind", 1200.5, true],
                ["INV-0002", "Tailspin", 310, false],
                ["INV-0003", "Wingtip", 89.99, true],
              ],
            },
          ],
        },
      ],
    },
  ],
};
