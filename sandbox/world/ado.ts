// The Azure DevOps part of a world: organizations (each bound to one Entra tenant, as a real
// ADO org is), their members with access levels, the built-in groups, projects with Git
// repositories and area paths, explicit allow/deny entries, personal access tokens, and the
// pull request threads and work items the portal's write checks create.
import { z } from "zod";
import { CSS_ACTIONS, GIT_ACTIONS } from "../ado/security-namespaces";

const guid = z.guid();

/** An explicit access control entry for one identity (a user oid or a service principal oid in the org's tenant). */
function aceSchema<A extends readonly [string, ...string[]]>(actions: A) {
  return z
    .object({
      principalId: guid,
      allow: z.array(z.enum(actions)).default([]),
      deny: z.array(z.enum(actions)).default([]),
    })
    .strict();
}

export const gitAceSchema = aceSchema(GIT_ACTIONS);
export const cssAceSchema = aceSchema(CSS_ACTIONS);

export const adoMemberSchema = z
  .object({
    /** Entra object id in the org's tenant: the user's oid, or the service principal's oid (never an app's home object id). */
    principalId: guid,
    kind: z.enum(["user", "servicePrincipal"]),
    displayName: z.string().min(1),
    /** Sign-in name for users; ADO shows the object id for service principals. */
    uniqueName: z.string().optional(),
    /** Stakeholder cannot read code in private projects; Basic can. */
    accessLevel: z.enum(["basic", "stakeholder"]),
  })
  .strict();

export const adoPatSchema = z
  .object({
    token: z.string().min(16),
    ownerId: guid,
    displayName: z.string().min(1),
    /** vso.code, vso.code_write, vso.work, vso.work_write, vso.project, … or app_token (full access). */
    scopes: z.array(z.string().min(1)).min(1),
    validTo: z.iso.datetime(),
    revoked: z.boolean().default(false),
  })
  .strict();

export const adoCommentSchema = z
  .object({
    id: z.number().int().positive(),
    parentCommentId: z.number().int().nonnegative(),
    authorId: guid,
    content: z.string(),
    publishedDate: z.iso.datetime(),
    commentType: z.enum(["text", "codeChange", "system"]).default("text"),
  })
  .strict();

export const adoThreadSchema = z
  .object({
    id: z.number().int().positive(),
    status: z.enum(["active", "fixed", "wontFix", "closed", "byDesign", "pending", "unknown"]).default("active"),
    publishedDate: z.iso.datetime(),
    comments: z.array(adoCommentSchema),
  })
  .strict();

export const adoPullRequestSchema = z
  .object({
    pullRequestId: z.number().int().positive(),
    title: z.string().min(1),
    description: z.string().default(""),
    sourceRefName: z.string().startsWith("refs/"),
    targetRefName: z.string().startsWith("refs/"),
    status: z.enum(["active", "completed", "abandoned"]).default("active"),
    createdById: guid,
    creationDate: z.iso.datetime(),
    threads: z.array(adoThreadSchema).default([]),
  })
  .strict();

export const adoRepositorySchema = z
  .object({
    id: guid,
    name: z.string().min(1),
    defaultBranch: z.string().startsWith("refs/heads/").default("refs/heads/main"),
    isDisabled: z.boolean().default(false),
    files: z.array(z.object({ path: z.string().startsWith("/"), content: z.string() }).strict()).default([]),
    pullRequests: z.array(adoPullRequestSchema).default([]),
    /** ACEs on the token repoV2/{projectId}/{repoId}. */
    permissions: z.array(gitAceSchema).default([]),
  })
  .strict();

export type AdoAreaNodeInput = {
  id: number;
  identifier: string;
  name: string;
  permissions?: z.input<typeof cssAceSchema>[];
  children?: AdoAreaNodeInput[];
};
export type AdoAreaNode = {
  id: number;
  identifier: string;
  name: string;
  permissions: z.output<typeof cssAceSchema>[];
  children: AdoAreaNode[];
};

/** An area node; its ACEs sit on vstfs:///Classification/Node/{identifier} (chained from the root). */
export const adoAreaNodeSchema: z.ZodType<AdoAreaNode, AdoAreaNodeInput> = z.lazy(() =>
  z
    .object({
      id: z.number().int().positive(),
      identifier: guid,
      name: z.string().min(1),
      permissions: z.array(cssAceSchema).default([]),
      children: z.array(adoAreaNodeSchema).default([]),
    })
    .strict(),
);

export const adoProjectSchema = z
  .object({
    id: guid,
    name: z.string().min(1),
    description: z.string().default(""),
    visibility: z.enum(["private", "public"]).default("private"),
    lastUpdateTime: z.iso.datetime(),
    /** Built-in project groups, by member principal id. */
    groups: z
      .object({
        readers: z.array(guid).default([]),
        contributors: z.array(guid).default([]),
        projectAdministrators: z.array(guid).default([]),
      })
      .strict(),
    /** ACEs on the token repoV2/{projectId}, inherited by every repository of the project. */
    repositoryPermissions: z.array(gitAceSchema).default([]),
    repositories: z.array(adoRepositorySchema).default([]),
    /** The root area node carries the project's name. */
    areas: adoAreaNodeSchema,
  })
  .strict();

export const adoWorkItemSchema = z
  .object({
    id: z.number().int().positive(),
    rev: z.number().int().positive().default(1),
    projectId: guid,
    type: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    /** Backslash path as in System.AreaPath, e.g. "Payments\\Checkout". */
    areaPath: z.string().min(1),
    state: z.string().default("New"),
    createdById: guid,
    createdDate: z.iso.datetime(),
    /** Discussion comments, oldest first. */
    comments: z
      .array(
        z
          .object({
            id: z.number().int().positive(),
            text: z.string(),
            createdById: guid,
            createdDate: z.iso.datetime(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const adoOrganizationSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/, "ADO organization naming rules"),
    id: guid,
    /** The Entra tenant the organization is connected to; tokens from any other tenant are rejected. */
    tenantId: guid,
    /** Project Collection Administrators, by principal id. */
    collectionAdministrators: z.array(guid).default([]),
    members: z.array(adoMemberSchema).default([]),
    pats: z.array(adoPatSchema).default([]),
    projects: z.array(adoProjectSchema).default([]),
    workItems: z.array(adoWorkItemSchema).default([]),
  })
  .strict();

export const adoSchema = z
  .object({
    organizations: z.array(adoOrganizationSchema).default([]),
  })
  .strict();

export type AdoWorld = z.output<typeof adoSchema>;
export type AdoOrganization = z.output<typeof adoOrganizationSchema>;
export type AdoProject = z.output<typeof adoProjectSchema>;
export type AdoRepository = z.output<typeof adoRepositorySchema>;
export type AdoMember = z.output<typeof adoMemberSchema>;
export type AdoPat = z.output<typeof adoPatSchema>;
export type AdoPullRequest = z.output<typeof adoPullRequestSchema>;
export type AdoThread = z.output<typeof adoThreadSchema>;
export type AdoWorkItem = z.output<typeof adoWorkItemSchema>;
export type GitAce = z.output<typeof gitAceSchema>;
export type CssAce = z.output<typeof cssAceSchema>;
