import "server-only";
// `.show principal roles`: the caller's roles across the cluster's databases ("List user roles",
// https://learn.microsoft.com/kusto/management/security-roles). Needs a role on at least one database.
import { z } from "zod";
import { kustoPost, type KustoPostOptions, type KustoResult } from "./kusto-post";

const v1Schema = z.object({
  Tables: z.array(z.object({ Columns: z.array(z.object({ ColumnName: z.string() })), Rows: z.array(z.array(z.unknown())) })).min(1),
});

export type KustoPrincipalRole = { scope: string; role: string; displayName: string | null };

export async function showPrincipalRoles(options: KustoPostOptions): Promise<KustoResult<KustoPrincipalRole[]>> {
  return kustoPost("v1/rest/mgmt", ".show principal roles", options, (body) => {
    const [table] = v1Schema.parse(body).Tables;
    const column = (name: string) => table!.Columns.findIndex((c) => c.ColumnName === name);
    const [scope, role, displayName] = [column("Scope"), column("Role"), column("DisplayName")];
    if (scope < 0 || role < 0) throw new Error("the answer has no Scope and Role columns");
    return table!.Rows.map((row) => ({
      scope: String(row[scope]),
      role: String(row[role]),
      displayName: displayName >= 0 && row[displayName] != null ? String(row[displayName]) : null,
    }));
  });
}
