// GET {org}/_apis/connectionData: who the service thinks the caller is. The route is
// preview-only: a plain `api-version=7.1` is refused with VssInvalidPreviewVersionException.
import type { SandboxResponse } from "../../contract";
import type { AdoOrganization } from "../../world/ado";
import type { AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { ANONYMOUS_IDENTITY, identityJson } from "../identity-ref";

export function previewVersionError(query: URLSearchParams): SandboxResponse | undefined {
  const version = query.get("api-version");
  if (version && !/-preview/i.test(version)) {
    return adoError(400, "VssInvalidPreviewVersionException", `The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`);
  }
  return undefined;
}

function body(org: AdoOrganization, identity: object) {
  return {
    authenticatedUser: identity,
    authorizedUser: identity,
    instanceId: org.id,
    deploymentId: org.id,
    deploymentType: "hosted",
    locationServiceData: {
      serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7",
      defaultAccessMappingMoniker: "PublicAccessMapping",
      lastChangeId: 1,
      lastChangeId64: 1,
    },
  };
}

export function connectionData(call: AdoCall): SandboxResponse {
  return previewVersionError(call.query) ?? adoJson(body(call.org, identityJson(call.org, call.member)));
}

/** Anonymous callers get a 200 naming the anonymous identity, unless they asked to suppress FedAuth. */
export function anonymousConnectionData(org: AdoOrganization, query: URLSearchParams): SandboxResponse {
  return previewVersionError(query) ?? adoJson(body(org, ANONYMOUS_IDENTITY));
}
