import type { ConnectorStatus } from "@/lib/schemas/connector";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CircleCheck as CheckCircleIcon, CircleDashed as CircleDashedIcon, CircleX as XCircleIcon, Clock as ClockIcon, TriangleAlert as AlertTriangleIcon, User as UserIcon } from "lucide-react";
import type { ReactNode } from "react";

// Each status has a word and an icon as well as a colour, so it reads without colour vision.
const statusDisplay: Record<ConnectorStatus, { label: string; tone: BadgeTone; icon: ReactNode }> = {
  healthy: { label: "Healthy", tone: "success", icon: <CheckCircleIcon size={14} /> },
  degraded: { label: "Degraded", tone: "warning", icon: <AlertTriangleIcon size={14} /> },
  // Not "Failing": the service did not answer, so nothing is known to be wrong with the setup.
  unavailable: { label: "Upstream unavailable", tone: "warning", icon: <ClockIcon size={14} /> },
  failing: { label: "Failing", tone: "danger", icon: <XCircleIcon size={14} /> },
  needs_signin: { label: "Needs sign-in", tone: "warning", icon: <UserIcon size={14} /> },
  draft: { label: "Not set up", tone: "neutral", icon: <CircleDashedIcon size={14} /> },
  unchecked: { label: "Not checked yet", tone: "neutral", icon: <CircleDashedIcon size={14} /> },
};

/** Display order: the states that need someone to act come first. */
export const connectorStatusOrder: ConnectorStatus[] = ["failing", "needs_signin", "unavailable", "degraded", "healthy", "unchecked", "draft"];

export const connectorStatusLabels: Record<ConnectorStatus, string> = Object.fromEntries(Object.entries(statusDisplay).map(([status, display]) => [status, display.label])) as Record<
  ConnectorStatus,
  string
>;

export function ConnectorStatusBadge({ status }: { status: ConnectorStatus }) {
  const display = statusDisplay[status];
  return (
    <Badge tone={display.tone} icon={display.icon}>
      {display.label}
    </Badge>
  );
}
