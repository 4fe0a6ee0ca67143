// The sandbox's admin API from e2e specs (loopback only; the runner trusts its CA).
const origin = () => {
  const value = process.env.TB_E2E_SANDBOX_ORIGIN;
  if (!value) throw new Error("TB_E2E_SANDBOX_ORIGIN is not set: run the e2e tests through `npm run test:e2e`.");
  return value;
};

export async function sandboxAdmin(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${origin()}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox admin ${method} ${path} answered ${response.status}`);
}

export const resetSandbox = () => sandboxAdmin("POST", "/reset");
export const setTokenLifetimes = (lifetimes: { accessTokenSeconds?: number; refreshTokenSeconds?: number }) => sandboxAdmin("PUT", "/token-lifetimes", lifetimes);

/** Refresh grants the sandbox answered for Azure DevOps' scope since it was reset. */
export async function adoRefreshGrants(): Promise<number> {
  const response = await fetch(`${origin()}/_sandbox/token-requests`);
  if (!response.ok) throw new Error(`sandbox admin GET /token-requests answered ${response.status}`);
  const { tokenRequests } = (await response.json()) as { tokenRequests: { grantType: string; scope: string; count: number }[] };
  return tokenRequests.filter((entry) => entry.grantType === "refresh_token" && entry.scope.includes("499b84ac-1321-427f-aa17-267ca6975798")).reduce((sum, entry) => sum + entry.count, 0);
}
