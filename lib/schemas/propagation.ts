// The propagation API's schemas: an operator reports a change made outside the portal (a consent,
// a grant) so the chain test can wait for it. The codes that propagate are in ./propagation-codes.
import { z } from "zod";
import { reportableChanges } from "./propagation-codes";

export * from "./propagation-codes";

/** A change the operator made outside the portal and tells it about, so the chain test can wait for it. */
export const connectorChangeSchema = z.object({
  change: z.enum(reportableChanges),
});
export type ConnectorChangeInput = z.infer<typeof connectorChangeSchema>;

export const connectorChangeResultSchema = z.object({
  action: z.enum(["connector.consented", "connector.granted"]),
  at: z.string(),
});
export type ConnectorChangeResult = z.infer<typeof connectorChangeResultSchema>;
