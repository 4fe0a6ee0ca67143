import "server-only";
// What the broker throws for a draft: a setup that has not yet passed its chain test is never
// used, and the error names what is missing so the agent's logs say who must do what.
import { AppError } from "@/lib/server/errors";

export class DraftConnectorError extends AppError {
  readonly connectorId: string;
  /** What the last proof found missing, as saved with the draft. */
  readonly missing: string;
  constructor(connector: { id: string; displayName: string; draftMissing: string | null }) {
    const missing = connector.draftMissing ?? "its setup has not passed a chain test yet";
    super("misconfigured", `Connector '${connector.displayName}' is a draft and is not used: ${missing}`, {
      hint: "Complete what is missing, then run the connector's chain test: once it passes, the connector is used.",
    });
    this.name = "DraftConnectorError";
    this.connectorId = connector.id;
    this.missing = missing;
  }
}
