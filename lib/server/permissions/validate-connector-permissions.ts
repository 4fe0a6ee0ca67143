import "server-only";
// POST /api/connectors/[id]/permissions: validate what the connector's identity may do in one
// project, rate-limited per organization.
import type { Operator } from "@/lib/server/auth/permissions";
import { brokerConnectorById, type BrokerConnector } from "@/lib/server/broker/broker-connector";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { takeValidationSlot } from "@/lib/server/rate-limit/validation-rate-limit";
import type { PermissionValidationDto, ValidatePermissionsInput } from "@/lib/schemas/permission-check";
import { validatePermissions } from "./validate-permissions";

export async function adoConnectorOrThrow(db: Db, connectorId: string): Promise<BrokerConnector & { organization: string }> {
  const connector = await brokerConnectorById(db, connectorId);
  if (connector.kind !== "ado" || !connector.organization) {
    throw new AppError("validation_failed", "Permission checks and project lists apply to Azure DevOps connectors only.", {
      fields: [{ field: "id", message: "is a Kusto connector; use its test instead" }],
    });
  }
  return connector as BrokerConnector & { organization: string };
}

export async function validateConnectorPermissions(db: Db, operator: Operator, connectorId: string, input: ValidatePermissionsInput): Promise<PermissionValidationDto> {
  const connector = await adoConnectorOrThrow(db, connectorId);
  await takeValidationSlot(db, connector.organization);
  const { resolved: _resolved, ...dto } = await validatePermissions(db, operator, connector, input);
  return dto;
}
