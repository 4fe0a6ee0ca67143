"use client";
// "Check all tenants": runs the token exchange in every target tenant on the server, then
// refreshes the page with the new consent states (or says why the check could not start).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { ApiError } from "@/lib/client/api/client";
import { tenantsApi } from "@/lib/client/api/tenants";

export function CheckAllTenantsButton() {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [result, setResult] = useState<{ problem: boolean; text: string } | null>(null);

  async function check() {
    setRunning(true);
    setResult(null);
    try {
      const { apps } = await tenantsApi.checkAll();
      const tenants = apps.flatMap((app) => app.tenants);
      const passed = tenants.filter((tenant) => tenant.lastExchange?.outcome === "pass").length;
      setResult({ problem: false, text: `Checked ${tenants.length} ${tenants.length === 1 ? "tenant" : "tenants"}: the exchange passed in ${passed}.` });
      startRefresh(() => router.refresh());
    } catch (error) {
      const problem = ApiError.from(error);
      if (problem.status === 0) setResult({ problem: true, text: "The portal could not be reached. Check your connection and try again." });
      else setResult({ problem: true, text: problem.hint ? `${problem.message} ${problem.hint}` : problem.message });
    } finally {
      setRunning(false);
    }
  }

  const busy = running || refreshing;
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <p id="check-all-tenants-status" role="status" aria-live="polite" className={result?.problem ? "text-sm text-red-700" : "text-sm text-slate-700"}>
        {running ? "Exchanging a token in each tenant…" : (result?.text ?? "")}
      </p>
      <Button onClick={check} disabled={busy} aria-describedby="check-all-tenants-status" icon={<RefreshIcon size={18} className={busy ? "animate-spin" : undefined} />}>
        {running ? "Checking…" : "Check all tenants"}
      </Button>
    </div>
  );
}
