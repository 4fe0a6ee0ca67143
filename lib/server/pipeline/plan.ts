import "server-only";
// What a check runs, as data: the hops for a connector's kind and method. The chain test walks
// the whole chain (every hop reaches its service); the scheduled check of an identity-based
// connector takes its token from the credential broker, as the agent does (broker-hops.ts), and
// runs the chain's own service hop with it. The checks a saved knowledge source needs are planned
// by run-permission-checks.ts (permissionCheckHeads).
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import { adoCallerHop, adoProjectsHop, adoServiceHop } from "./ado-hops";
import { brokerTokenHop, identityEndpointHop } from "./broker-hops";
import type { Hop } from "./chain-hop";
import { exchangeHop, miAssertionHop, sameTenantIdentityHop } from "./identity-hops";
import { azureChainPlan } from "./azure-chain-plan";
import { azureResourceHop } from "./azure-resource-hop";
import { kustoServiceHop } from "./kusto-hop";
import { sourceProjectsHop } from "./source-projects-hop";
import { oauthTokenHop, patConfiguredHop } from "./secret-hops";

export type PlanPurpose = "chain-test" | "schedule";

const serviceOf = (connector: BrokerConnector) =>
  connector.kind === "ado"
    ? "Azure DevOps"
    : connector.kind === "azure"
      ? connector.azureResource
        ? azureResourceInfo[connector.azureResource].label
        : "the Azure resource"
      : `Kusto (${connector.clusterUrl ?? "cluster"})`;

const serviceHopOf = (connector: BrokerConnector): Hop => (connector.kind === "ado" ? adoServiceHop : connector.kind === "azure" ? azureResourceHop : kustoServiceHop);

/** The chain test; an ADO connector's ends with the projects its knowledge sources use, when there are any. */
export function chainPlan(connector: BrokerConnector): Hop[] {
  if (connector.kind === "azure") return azureChainPlan(connector);
  const hops = adoOrKustoPlan(connector);
  return connector.kind === "ado" && connector.sourceProjects.length > 0 ? [...hops, sourceProjectsHop] : hops;
}

function adoOrKustoPlan(connector: BrokerConnector): Hop[] {
  const service = serviceOf(connector);
  const serviceHop = serviceHopOf(connector);
  switch (connector.authMethod) {
    case "mi_fic":
      return [miAssertionHop, exchangeHop(service), serviceHop];
    case "managed_identity":
      return [sameTenantIdentityHop(service), serviceHop];
    case "oauth":
      return [oauthTokenHop, adoCallerHop("Call Azure DevOps as the signed-in account"), adoProjectsHop({ label: "Projects readable", repositories: false })];
    case "pat":
      return [patConfiguredHop, adoCallerHop("Call Azure DevOps with the PAT"), adoProjectsHop({ label: "Projects and repositories readable (Code read)", repositories: true })];
  }
}

/**
 * The scheduled check: identity-based connectors through the broker (plus the identity endpoint's
 * own answer); PAT and OAuth connectors run the chain test itself (their credentials are per
 * connector anyway, and the OAuth hop refreshes the sign-in on this schedule).
 */
export function scheduledPlan(connector: BrokerConnector): Hop[] {
  if (connector.authMethod !== "mi_fic" && connector.authMethod !== "managed_identity") return chainPlan(connector);
  const tokenHop = brokerTokenHop(connector.authMethod, serviceOf(connector));
  const hops = [tokenHop, serviceHopOf(connector)];
  if (connector.miClientId) hops.push(identityEndpointHop(tokenHop.key));
  return hops;
}

export function planFor(connector: BrokerConnector, purpose: PlanPurpose): Hop[] {
  return purpose === "schedule" ? scheduledPlan(connector) : chainPlan(connector);
}
