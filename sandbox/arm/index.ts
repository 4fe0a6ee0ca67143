// The Azure Resource Manager subset of the sandbox, mounted at {origin}/arm (the real one is
// https://management.azure.com). ARM checks the token, then the api-version, then the
// subscription's tenant, then RBAC.
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from "../contract";
import { matchRoute, pathSegments, type RouteParams } from "../ado/route-match";
import type { ArmSubscription } from "../world/arm";
import { authenticate, wrongTenant, type ArmCaller } from "./authenticate";
import { armError } from "./errors";
import { getResourceGroup, getSubscription, listResourceGroups, listSubscriptions } from "./resources";
import { listRoleAssignments, putRoleAssignment } from "./role-assignments";

type ArmRoute = {
  method: "GET" | "PUT";
  pattern: string;
  run: (ctx: SandboxContext, caller: ArmCaller, params: RouteParams, subscription: ArmSubscription, req: SandboxRequest) => SandboxResponse;
};

const sub = "/arm/subscriptions/:subscriptionId";
const scopeOf = (params: RouteParams) => `/subscriptions/${params.subscriptionId}${params.resourceGroup ? `/resourceGroups/${params.resourceGroup}` : ""}`;

function jsonBody(req: SandboxRequest): unknown {
  try {
    return JSON.parse(req.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

const ROUTES: ArmRoute[] = [
  { method: "GET", pattern: sub, run: (ctx, caller, _params, subscription) => getSubscription(ctx, caller, subscription) },
  { method: "GET", pattern: `${sub}/resourcegroups`, run: (ctx, caller, _params, subscription) => listResourceGroups(ctx, caller, subscription) },
  { method: "GET", pattern: `${sub}/resourcegroups/:resourceGroup`, run: (ctx, caller, params, subscription) => getResourceGroup(ctx, caller, subscription, params.resourceGroup as string) },
  ...[sub, `${sub}/resourcegroups/:resourceGroup`].flatMap((scope): ArmRoute[] => [
    {
      method: "GET",
      pattern: `${scope}/providers/Microsoft.Authorization/roleAssignments`,
      run: (ctx, caller, params, subscription, req) => listRoleAssignments(ctx, caller, subscription, scopeOf(params), req.url.searchParams.get("$filter")),
    },
    {
      method: "PUT",
      pattern: `${scope}/providers/Microsoft.Authorization/roleAssignments/:name`,
      run: (ctx, caller, params, subscription, req) => putRoleAssignment(ctx, caller, subscription, scopeOf(params), params.name as string, jsonBody(req)),
    },
  ]),
];

async function handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse | null> {
  const segments = pathSegments(req.url.pathname);
  if (!segments || segments[0] !== "arm") return null;
  const method = req.method.toUpperCase();
  const listing = method === "GET" && matchRoute("/arm/subscriptions", segments);
  const found = ROUTES.map((route) => ({ route, params: route.method === method ? matchRoute(route.pattern, segments) : null })).find((candidate) => candidate.params);
  if (!listing && !found) return null;

  const caller = await authenticate(req, ctx);
  if ("status" in caller) return caller;
  if (!req.url.searchParams.get("api-version")) {
    return armError(ctx, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (listing) return listSubscriptions(ctx, caller);
  const { route, params } = found as { route: ArmRoute; params: RouteParams };
  const subscription = ctx.world().arm.subscriptions.find((candidate) => candidate.subscriptionId.toLowerCase() === (params.subscriptionId ?? "").toLowerCase());
  if (!subscription) return armError(ctx, 404, "SubscriptionNotFound", `The subscription '${params.subscriptionId}' could not be found.`);
  if (subscription.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()) return wrongTenant(ctx, caller.tenantId, subscription.tenantId);
  return route.run(ctx, caller, params, subscription, req);
}

export const armService: SandboxService = { name: "Azure Resource Manager", prefix: "/arm", handle };
