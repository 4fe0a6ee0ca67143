import "server-only";
// The hops of an Azure resource connector: the identity's token (through the exchange for MI +
// FIC), then the resource's real call.
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import type { Hop } from "./chain-hop";
import { azureResourceHop } from "./azure-resource-hop";
import { exchangeHop, miAssertionHop, sameTenantIdentityHop } from "./identity-hops";

export function azureChainPlan(connector: BrokerConnector): Hop[] {
  const service = connector.azureResource ? azureResourceInfo[connector.azureResource].label : "the Azure resource";
  return connector.authMethod === "managed_identity" ? [sameTenantIdentityHop(service), azureResourceHop] : [miAssertionHop, exchangeHop(service), azureResourceHop];
}
