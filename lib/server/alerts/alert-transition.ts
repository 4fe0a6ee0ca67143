import "server-only";
// Which status changes are announced. Only three states are ever announced: failing and needs
// sign-in (someone must act) and healthy (it works again). Degraded (a check could not finish,
// usually a throttle or a server error), draft and unchecked leave the last announcement as it
// was, so failing → degraded → failing is one alert, and failing → degraded → healthy is a recovery.
import type { ConnectorStatus } from "@/lib/schemas/connector";

export const alertTypes = ["connector.failing", "connector.needs_signin", "connector.recovered"] as const;
export type AlertType = (typeof alertTypes)[number];

/** The state last announced; "unchecked" when nothing was announced yet. */
export type AnnouncedStatus = "unchecked" | "healthy" | "failing" | "needs_signin";

export type Transition =
  | { kind: "announce"; type: AlertType; to: AnnouncedStatus }
  /** Remember the state without an alert (the first healthy result is not a recovery). */
  | { kind: "record"; to: AnnouncedStatus }
  | { kind: "none" };

export function alertTransition(announced: AnnouncedStatus, current: ConnectorStatus): Transition {
  if (current === announced) return { kind: "none" };
  switch (current) {
    case "failing":
      return { kind: "announce", type: "connector.failing", to: "failing" };
    case "needs_signin":
      return { kind: "announce", type: "connector.needs_signin", to: "needs_signin" };
    case "healthy":
      return announced === "unchecked" ? { kind: "record", to: "healthy" } : { kind: "announce", type: "connector.recovered", to: "healthy" };
    default:
      return { kind: "none" };
  }
}
