// The rule for Azure DevOps organization names, without zod: the contracts build their schema on
// it (connector.ts), and a form that asks whether an organization exists as the operator types uses
// it to tell a name worth asking about on its first load.

/** Letters, digits and hyphens, not starting or ending with a hyphen. */
export const ADO_ORGANIZATION_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
export const ADO_ORGANIZATION_MAX_LENGTH = 50;
export const ADO_ORGANIZATION_PATTERN_MESSAGE = "may contain only letters, digits and hyphens, and cannot start or end with a hyphen";

/** Whether the organization schema accepts the value (it trims it first). */
export function isAdoOrganizationName(value: string): boolean {
  const name = value.trim();
  return name.length >= 1 && name.length <= ADO_ORGANIZATION_MAX_LENGTH && ADO_ORGANIZATION_PATTERN.test(name);
}
