"use client";
// The inline organization check of the wizard and the new-connector form: once the operator
// pauses typing a valid name, whether TenantBridge has a connector for it and whether Azure
// DevOps has such an organization (and in which tenant).
import { useEffect, useState } from "react";
import { readApiError } from "@/lib/client/read-api-error";
import type { OrganizationNameCheckDto } from "@/lib/schemas/source";

export type OrganizationCheck = { name: string } & ({ status: "checking" } | { status: "done"; result: OrganizationNameCheckDto } | { status: "failed"; message: string });

export function useOrganizationCheck(name: string, valid: boolean): OrganizationCheck | null {
  const [check, setCheck] = useState<OrganizationCheck | null>(null);
  // Debounced: one request once the operator pauses, not one per key.
  useEffect(() => {
    if (!valid) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setCheck({ name, status: "checking" });
      fetch(`/api/organizations/check-name?name=${encodeURIComponent(name)}`, { signal: controller.signal })
        .then(async (response) => {
          if (!response.ok) return setCheck({ name, status: "failed", message: (await readApiError(response)).message });
          setCheck({ name, status: "done", result: (await response.json()) as OrganizationNameCheckDto });
        })
        .catch(() => {
          if (!controller.signal.aborted) setCheck({ name, status: "failed", message: "The portal could not be reached to check the name." });
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [name, valid]);
  // A check of an earlier name is not shown for the current one.
  return check && check.name === name ? check : null;
}
