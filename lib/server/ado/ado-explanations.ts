// Causes and fixes for the Azure DevOps codes of work items, pull requests, items and areas (what
// the agent does once connected). The codes' texts: Azure DevOps' REST answers as public clients
// quote them; where to grant: https://learn.microsoft.com/azure/devops/organizations/security/permissions
import type { DecodedError } from "@/lib/server/entra/decoded-error";

type Explanation = Pick<DecodedError, "title" | "cause" | "fix">;

export const adoExplanations: Record<string, Explanation> = {
  TF237111: {
    title: "The identity may not save work items in this area",
    cause: "It lacks “Edit work items in this node” on the area path the work item is in.",
    fix: "Project settings → Boards → Project configuration → Areas → the area → Security: allow “Edit work items in this node” for the identity (or its group).",
  },
  TF401232: {
    title: "The work item does not exist or cannot be read",
    cause: "The work item id is wrong, or the identity lacks “View work items in this node” on its area path; Azure DevOps answers both the same way.",
    fix: "Check the id, then allow “View work items in this node” on the area (Project settings → Areas → Security).",
  },
  VS402323: {
    title: "The work item type does not exist in the project",
    cause: "The project's process has no work item type of that name, or the identity cannot see the project.",
    fix: "Use a type the project's process defines (Task, Bug, User Story, Issue…), as shown in Boards → Work items → New.",
  },
  TF401320: {
    title: "The work item is missing a required field",
    cause: "A rule of the work item type requires a field that was empty (the message names it).",
    fix: "Fill in the named field; the agent sends at least a title.",
  },
  TF401347: {
    title: "The area path does not exist",
    cause: "The work item names an area path that is not in the project.",
    fix: "Pick an existing area (Project settings → Boards → Project configuration → Areas) in the knowledge source's settings.",
  },
  VS402485: {
    title: "The area path does not exist",
    cause: "The classification node named in the request is not in the project.",
    fix: "Pick an existing area (Project settings → Boards → Project configuration → Areas) in the knowledge source's settings.",
  },
  TF401027: {
    title: "The identity may not comment on pull requests",
    cause: "It lacks the Git permission “Contribute to pull requests” on the repository.",
    fix: "Project settings → Repositories → the repository → Security: allow “Contribute to pull requests” for the identity.",
  },
  TF401180: {
    title: "The pull request does not exist",
    cause: "No pull request with that id exists in the repository.",
    fix: "Check the pull request id and the repository.",
  },
  TF401174: {
    title: "The file is not in the repository at that branch",
    cause: "The path does not exist on the branch or commit asked for.",
    fix: "Check the path and the knowledge source's branch.",
  },
  TF401175: {
    title: "The branch or commit is not in the repository",
    cause: "The version asked for (a branch, tag or commit id) does not resolve to a commit of the repository.",
    fix: "Check the branch name or commit id, for example the knowledge source's branch.",
  },
};
