import "server-only";
// Which hops a connector's chain test runs, by kind and method.
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { adoCallerHop, adoProjectsHop, adoServiceHop } from "./ado-hops";
import type { Hop } from "./chain-hop";
import { exchangeHop, miAssertionHop, sameTenantIdentityHop } from "./identity-hops";
import { kustoServiceHop } from "./kusto-hop";
import { oauthTokenHop, patConfiguredHop } from "./secret-hops";

export function chainPlan(connector: BrokerConnector): Hop[] {
  const service = connector.kind === "ado" ? "Azure DevOps" : `Kusto (${connector.clusterUrl ?? "cluster"})`;
  const serviceHop = connector.kind === "ado" ? adoServiceHop : kustoServiceHop;
  switch (connector.authMethod) {
    case "mi_fic":
      return [miAssertionHop, exchangeHop(service), serviceHop];
    case "managed_identity":
      return [sameTenantIdentityHop(service), serviceHop];
    case "oauth":
      return [oauthTokenHop, adoCallerHop("Call Azure DevOps as the signed-in account"), adoProjectsHop({ label: "Projects readable", repositories: false })];
    case "pat":
      return [
        patConfiguredHop,
        adoCallerHop("Call Azure DevOps with the PAT"),
        adoProjectsHop({ label: "Projects and repositories readable (Code read)", repositories: true }),
      ];
  }
}
