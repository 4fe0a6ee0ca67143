import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { getCurrentOperator } from "@/lib/server/auth/current-operator";
import { settings } from "@/lib/server/settings";
import { MSAL_REDIRECT_PATH } from "@/lib/schemas/auth";
import { SIGN_IN_NONCE_HEADER } from "@/lib/server/auth/session-cookie";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getCurrentOperator()) redirect("/connectors");
  const config = settings();
  const { clientId, tenantId } = config.portal;
  // Set by the proxy with the matching cookie; without it the panel asks the API for one.
  const nonce = (await headers()).get(SIGN_IN_NONCE_HEADER);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-slate-900">TenantBridge</h1>
        <p className="mt-2 text-sm text-slate-600">Connect your automation agent to Azure DevOps organizations and Kusto databases in other Entra ID tenants.</p>
        {config.sandbox && (
          <p className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            Sandbox cloud: sign in with a sandbox account — <strong>admin@contoso.example</strong> (administrator) or <strong>reader@contoso.example</strong> (reader). Nothing here touches Azure.
          </p>
        )}
        <div className="mt-6">
          {clientId && tenantId ? (
            <SignInPanel
              nonce={nonce}
              config={{
                clientId,
                authority: `${config.authorityHost}/${tenantId}`,
                knownAuthority: new URL(config.authorityHost).host,
                popupTimeoutMs: config.popupTimeoutMs,
                redirectUri: `${config.publicOrigin}${MSAL_REDIRECT_PATH}`,
              }}
            />
          ) : (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              Sign-in is not configured. Set TB_PORTAL_CLIENT_ID and TB_PORTAL_TENANT_ID to the portal&apos;s app registration and restart.
            </p>
          )}
        </div>
      </div>
    </main>
  );
}
