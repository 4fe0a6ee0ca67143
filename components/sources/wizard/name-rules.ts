// Azure DevOps' naming rules as the server applies them (its own schemas), for the wizard's checks
// of organization, repository and branch names and of pasted URLs. Loaded on use (name-rules-loader):
// the first step needs none of them.
export { adoOrganizationSchema } from "@/lib/schemas/connector";
export { adoRepositoryNameSchema } from "@/lib/schemas/permission-check";
export { parseRepositoryUrl } from "@/lib/schemas/repository-url";
export { branchSchema } from "@/lib/schemas/source";
