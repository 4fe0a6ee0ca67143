// The default world tells the seed story: Contoso runs the agent; Litware is a target tenant
// that is ready (the connector app is consented and has ADO and Kusto access); Fabrikam has not
// consented yet; and two deliberate mistakes reproduce Entra's federated-credential errors.
import { worldSchema, type World } from "../schema";
import { identityPart } from "./identity";
import { adoPart } from "./ado";
import { kustoPart } from "./kusto";
import { armPart } from "./arm";

export function defaultWorld(): World {
  return worldSchema.parse({
    name: "default",
    description: "Contoso (agent tenant), Litware (ready target), Fabrikam (not consented), and two broken setups",
    ...identityPart,
    ado: adoPart,
    kusto: kustoPart,
    arm: armPart,
  });
}
