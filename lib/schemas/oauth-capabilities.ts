// What an OAuth connector's signed-in account can do in its organization, shown once after sign-in.
import { z } from "zod";

export const projectCapabilitiesSchema = z.object({
  project: z.string(),
  /** Repositories whose code the account may read (Git GenericRead). */
  readCode: z.array(z.string()),
  /** Repositories where it may contribute to pull requests (PullRequestContribute). */
  contributeToPullRequests: z.array(z.string()),
  /** Area paths where it may edit work items (WORK_ITEM_WRITE). */
  editWorkItemsIn: z.array(z.string()),
});

export const oauthCapabilitiesSchema = z.object({
  organization: z.string(),
  account: z.string().nullable(),
  /** The tenant's display name, when Entra ID told it at sign-in; else null (the id is in tenantId). */
  tenantName: z.string().nullable(),
  tenantId: z.string().nullable(),
  projects: z.array(projectCapabilitiesSchema),
  /** More projects than were looked at. */
  moreProjects: z.boolean(),
  /** Why nothing could be said (the account is not a user of the organization, a timeout…), with the fix. */
  problem: z.string().nullable(),
});
export type OauthCapabilitiesDto = z.infer<typeof oauthCapabilitiesSchema>;
