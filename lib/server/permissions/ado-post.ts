import "server-only";
// One POST against an Azure DevOps organization, through the portal's one ADO request path.
import { adoRequest, type AdoGetOptions, type AdoResult } from "@/lib/server/ado/ado-get";

export type AdoPostOptions = AdoGetOptions & {
  body: unknown;
  /** Read-only POSTs (permission evaluation) are safe to retry after a throttle or a 5xx. */
  idempotent: boolean;
};

export async function adoPost<T>(options: AdoPostOptions, parse: (body: unknown) => T): Promise<AdoResult<T>> {
  return adoRequest({ ...options, method: "POST" }, parse);
}
