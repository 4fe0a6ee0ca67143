// ADO's identity shapes: the full Identity of connectionData and the IdentityRef embedded in
// threads and work items. ADO keys identities by its own ids; the sandbox uses the Entra
// object id as that id so tests can correlate without another lookup table.
import type { AdoMember, AdoOrganization } from "../world/ado";
import { orgUrl } from "./urls";

/** ADO's descriptor for an Entra user is "<tenant>\<upn>"; for a service principal "<tenant>\<object id>". */
export function descriptorOf(tenantId: string, member: AdoMember): string {
  return member.kind === "user"
    ? `Microsoft.IdentityModel.Claims.ClaimsIdentity;${tenantId}\\${member.uniqueName ?? member.principalId}`
    : `Microsoft.VisualStudio.Services.Claims.AadServicePrincipal;${tenantId}\\${member.principalId}`;
}

export function subjectDescriptorOf(member: AdoMember): string {
  const prefix = member.kind === "user" ? "aad" : "aadsp";
  return `${prefix}.${Buffer.from(member.principalId).toString("base64url")}`;
}

export function identityJson(org: AdoOrganization, member: AdoMember) {
  return {
    id: member.principalId,
    descriptor: descriptorOf(org.tenantId, member),
    subjectDescriptor: subjectDescriptorOf(member),
    providerDisplayName: member.displayName,
    isActive: true,
    properties: {
      Account: { $type: "System.String", $value: member.uniqueName ?? member.principalId },
    },
    resourceVersion: 2,
    metaTypeId: member.kind === "user" ? 0 : 1,
  };
}

/** The identity ADO reports for unauthenticated callers of connectionData (sandbox approximation). */
export const ANONYMOUS_IDENTITY = {
  id: "aa442d2f-0000-4000-8000-00000000a000",
  descriptor: "Microsoft.TeamFoundation.Identity;S-1-0-0",
  subjectDescriptor: "s2s.anonymous",
  providerDisplayName: "Anonymous",
  isActive: true,
  properties: {},
  resourceVersion: 2,
  metaTypeId: 255,
};

export function identityRef(origin: string, org: AdoOrganization, principalId: string) {
  const member = org.members.find((candidate) => candidate.principalId === principalId);
  return {
    displayName: member?.displayName ?? principalId,
    url: `${orgUrl(origin, org)}/_apis/Identities/${principalId}`,
    id: principalId,
    uniqueName: member?.uniqueName ?? principalId,
    imageUrl: `${orgUrl(origin, org)}/_apis/GraphProfile/MemberAvatars/${principalId}`,
    descriptor: member ? subjectDescriptorOf(member) : `aad.${Buffer.from(principalId).toString("base64url")}`,
  };
}
