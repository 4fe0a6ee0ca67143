// How many token requests each (tenant, client, scope or resource) triple sent, for the whole
// run and every caller together: the figure behind "a sweep asks Entra ID for a few tokens".
// Unlike the request log it has no capacity limit and keeps no bodies, only the three names.
export type TokenRequestCount = {
  endpoint: "entra" | "mi";
  grantType: string;
  tenant: string;
  clientId: string;
  scope: string;
  count: number;
};

export class TokenTally {
  private counts = new Map<string, TokenRequestCount>();

  add(entry: Omit<TokenRequestCount, "count">): void {
    const key = JSON.stringify([entry.endpoint, entry.grantType, entry.tenant, entry.clientId, entry.scope]);
    const current = this.counts.get(key);
    if (current) current.count++;
    else this.counts.set(key, { ...entry, count: 1 });
  }

  list(): TokenRequestCount[] {
    return [...this.counts.values()].map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.counts.clear();
  }
}
