// The data functions that pages and handlers read through refuse to run without a grant, before
// they touch the database: a page that forgot its guard fails instead of leaking. SQLite only:
// the refusal happens before any query, so the provider does not matter.
import { describe, expect, it } from "vitest";
import { auditFilterOptions, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { listValidationRuns } from "@/lib/server/pipeline/list-validation-runs";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { listConnectors } from "@/lib/server/connectors/list-connectors";
import { loadHealthPage } from "@/lib/server/health/load-health-page";
import { loadSettingsPage } from "@/lib/server/settings/load-settings-page";
import { checkOrganizationName } from "@/lib/server/sources/check-organization-name";
import { getSourceOrThrow } from "@/lib/server/sources/get-source-or-throw";
import { listOrganizations } from "@/lib/server/sources/list-organizations";
import { listSources } from "@/lib/server/sources/list-sources";
import { useTestDb } from "@/lib/testing/test-db";
import { AccessNotGrantedError, grantAccess, type Access } from "./access";
import type { Permission } from "./permissions";

const reader = { id: "oid-reader", name: "Reader", role: "reader" as const };

describe("data functions without a grant", () => {
  const t = useTestDb("sqlite");

  // Each data function, called with whatever access it is given.
  const calls: [string, Permission, (access: never) => Promise<unknown> | unknown][] = [
    ["listConnectors", "connectors.read", (access) => listConnectors(access, t.current.db)],
    ["getConnectorOrThrow", "connectors.read", (access) => getConnectorOrThrow(access, t.current.db, "missing")],
    ["listSources", "sources.read", (access) => listSources(access, t.current.db, {})],
    ["getSourceOrThrow", "sources.read", (access) => getSourceOrThrow(access, t.current.db, "missing")],
    ["listOrganizations", "sources.read", (access) => listOrganizations(access, t.current.db)],
    ["checkOrganizationName", "sources.read", (access) => checkOrganizationName(access, t.current.db, "litware")],
    ["listAuditEvents", "audit.read", (access) => listAuditEvents(access, t.current.db, { page: 1, take: 25 })],
    ["auditFilterOptions", "audit.read", (access) => auditFilterOptions(access, t.current.db)],
    ["loadHealthPage", "health.read", (access) => loadHealthPage(access, t.current.db, { page: 1 }, 900)],
    ["listValidationRuns", "health.read", (access) => listValidationRuns(access, t.current.db, "missing", 10)],
    ["loadSettingsPage", "settings.read", (access) => loadSettingsPage(access)],
  ];

  it.each(calls)("%s refuses no grant, a forged one and a grant for another permission", async (_name, permission, call) => {
    const forged = { operator: reader } as unknown as Access<Permission>;
    const other = grantAccess(reader, permission === "audit.read" ? "health.read" : "audit.read");
    for (const access of [undefined, forged, other]) {
      await expect(Promise.resolve().then(() => call(access as never))).rejects.toBeInstanceOf(AccessNotGrantedError);
    }
  });

  it("with the guard's grant, the audit log is read", async () => {
    await recordAuditEvent(t.current.db, { id: "oid-admin", name: "Admin" }, { action: "connector.created", targetType: "connector", summary: "Created 'litware'" });
    const page = await listAuditEvents(grantAccess(reader, "audit.read"), t.current.db, { page: 1, take: 25 });
    expect(page.items.map((item) => item.summary)).toEqual(["Created 'litware'"]);
    await expect(listAuditEvents(undefined as never, t.current.db, { page: 1, take: 25 })).rejects.toThrow(/requireOperator/);
  });
});
