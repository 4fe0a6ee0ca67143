"use client";
// Under the organization field: whether Azure DevOps has the organization (asked without
// credentials as the operator types) and which tenant it is in, or that a connector has it already.
import Link from "next/link";
import { CircleCheck as CheckCircleIcon, CircleX as XCircleIcon } from "lucide-react";
import type { OrganizationCheck } from "@/lib/client/use-organization-check";

export function OrganizationExistence({ check }: { check: OrganizationCheck | null }) {
  if (!check || check.status === "failed") return null;
  if (check.status === "checking") return <p className="mt-1 text-sm text-slate-600">Checking {check.name} with Azure DevOps…</p>;
  const { result } = check;
  if (result.connector) {
    return (
      <p className="mt-1 text-sm text-amber-900" data-testid="organization-existence" data-exists="yes">
        {result.name} already has a connector:{" "}
        <Link href={`/connectors/${encodeURIComponent(result.connector.id)}`} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          open {result.connector.displayName}
        </Link>{" "}
        to change how it signs in.
      </p>
    );
  }
  if (result.exists === "no") {
    return (
      <p className="mt-1 flex items-start gap-1.5 text-sm text-red-800" data-testid="organization-existence" data-exists="no">
        <XCircleIcon size={16} className="mt-0.5 shrink-0" />
        {result.message}
      </p>
    );
  }
  if (result.exists === "yes") {
    return (
      <p className="mt-1 flex items-start gap-1.5 text-sm text-emerald-800" data-testid="organization-existence" data-exists="yes">
        <CheckCircleIcon size={16} className="mt-0.5 shrink-0" />
        {result.tenantId ? `Azure DevOps has ${result.name}, in Entra ID tenant ${result.tenantId}: the connector will target that tenant.` : `Azure DevOps has ${result.name}.`}
      </p>
    );
  }
  return null;
}
