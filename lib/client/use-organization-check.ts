"use client";
// The inline organization check of the wizard and the new-connector form: once the operator
// pauses typing a valid name, whether TenantBridge has a connector for it and whether Azure
// DevOps has such an organization (and in which tenant).
import { useEffect, useState } from "react";
import { ApiError } from "@/lib/client/api/client";
import { sourcesApi } from "@/lib/client/api/sources";
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
      sourcesApi
        .checkOrganizationName(name, controller.signal)
        .then((result: OrganizationNameCheckDto) => setCheck({ name, status: "done", result }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const problem = ApiError.from(error);
          setCheck({ name, status: "failed", message: problem.status === 0 ? "The portal could not be reached to check the name." : problem.message });
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
