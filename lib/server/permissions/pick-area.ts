import "server-only";
// When no area path was chosen, the work item check judges the first area (root first, then
// depth-first, as ADO lists them) where the identity has "Edit work items in this node", in one
// evaluation batch. Defaulting to the project root would show a failure where the identity was
// only ever granted a team's area; when no area allows it, the root is judged and the failure
// says that no other area allows it either.
import type { AdoResult } from "@/lib/server/ado/ado-get";
import type { AdoAreaNode } from "./ado-lookups";
import type { PermissionEvaluation } from "./evaluate-permissions";
import { listAreaPaths, resolveAreaToken, type ResolvedArea } from "./resolve-area-token";

/** One batch stays small: ADO's permissionevaluationbatch is meant for tens of evaluations. */
const MAX_AREAS = 100;

export type PickedArea = { area: ResolvedArea; checked: number };

export async function pickArea(
  tree: AdoAreaNode,
  evaluate: (evaluations: PermissionEvaluation[]) => Promise<AdoResult<boolean[]> | "out_of_budget">,
  write: { securityNamespaceId: string; bit: number },
): Promise<PickedArea> {
  const areas = listAreaPaths(tree)
    .slice(0, MAX_AREAS)
    .map((node) => resolveAreaToken(tree, node.path))
    .filter((area): area is ResolvedArea => area !== null);
  const root = areas[0]!;
  const answers = await evaluate(areas.map((area) => ({ securityNamespaceId: write.securityNamespaceId, token: area.token, permissions: write.bit })));
  // Without answers nothing is decided here: the root's own evaluation reports what happened.
  if (answers === "out_of_budget" || !answers.ok) return { area: root, checked: 0 };
  const index = answers.value.findIndex(Boolean);
  return { area: index >= 0 ? areas[index]! : root, checked: areas.length };
}
