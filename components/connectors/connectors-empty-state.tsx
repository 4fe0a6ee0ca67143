import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Database as DatabaseIcon, Plug as ConnectorsIcon, Plus as PlusIcon } from "lucide-react";
import { AuthMethodsOverview } from "./auth-methods-overview";

/** First run: what a connector is, the three ways to make one, and the first step. */
export function ConnectorsEmptyState({ canWrite }: { canWrite: boolean }) {
  return (
    <div className="px-6 pb-8">
      <EmptyState
        icon={<ConnectorsIcon size={22} />}
        title="Connect your agent to another tenant"
        actions={
          canWrite ? (
            <>
              <ButtonLink href="/connectors/new" icon={<PlusIcon size={18} />}>
                Connect an Azure DevOps organization
              </ButtonLink>
              <ButtonLink href="/connectors/new?kind=kusto" variant="secondary" icon={<DatabaseIcon size={18} />}>
                Add a Kusto database
              </ButtonLink>
            </>
          ) : null
        }
      >
        <p>
          A connector lets the agent read code and work items in an Azure DevOps organization, or query a Kusto database, that lives in another Entra ID tenant. Validate with OAuth, run production on
          managed identity + FIC, and use a PAT only as a fallback.
        </p>
        {canWrite ? null : <p className="mt-2 font-medium text-slate-700">An administrator can add the first connector.</p>}
      </EmptyState>
      <div className="mx-auto max-w-4xl">
        <AuthMethodsOverview />
      </div>
    </div>
  );
}
