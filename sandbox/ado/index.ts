// The Azure DevOps REST subset of the sandbox, mounted at {origin}/ado (the real service is
// https://dev.azure.com). The order of checks is ADO's: organization, credentials (with the
// GET-vs-other-verbs difference for bad ones), organization membership (TF401444), PAT scope,
// then the route's own project / repository / permission checks.
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from "../contract";
import { authenticate, patAllows } from "./authenticate";
import type { AdoCall } from "./call";
import { adoError, challengeHeaders, signInPage, unauthorized } from "./errors";
import { anonymousConnectionData } from "./handlers/connection-data";
import { findMember } from "./lookup";
import { matchRoute, pathSegments, type RouteParams } from "./route-match";
import { ADO_ROUTES, type AdoRoute } from "./routes";

function findRoute(method: string, segments: string[]): { route: AdoRoute; params: RouteParams } | undefined {
  // HEAD is answered like GET, as ASP.NET does for ADO's routes.
  const wanted = method === "HEAD" ? "GET" : method;
  for (const route of ADO_ROUTES) {
    if (route.method !== wanted) continue;
    const params = matchRoute(route.pattern, segments);
    if (params) return { route, params };
  }
  return undefined;
}

async function handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse | null> {
  const segments = pathSegments(req.url.pathname);
  if (!segments || segments[0] !== "ado" || segments.length < 3) return null;
  const found = findRoute(req.method.toUpperCase(), segments);
  if (!found) return null;
  const { route, params } = found;
  const orgName = params.org as string;
  const org = ctx.world().ado.organizations.find((candidate) => candidate.name.toLowerCase() === orgName.toLowerCase());
  if (!org) {
    // (sandbox approximation) dev.azure.com answers an unknown organization with a 404.
    return adoError(404, "HostDoesNotExistException", `The Azure DevOps organization '${orgName}' does not exist.`);
  }

  const suppressRedirect = String(req.headers["x-tfs-fedauthredirect"] ?? "").toLowerCase() === "suppress";
  const isRead = route.method === "GET";
  const authentication = await authenticate(req, ctx, org);
  if (authentication.kind !== "identity") {
    if (authentication.kind === "anonymous" && route.anonymous && !suppressRedirect) {
      return anonymousConnectionData(org, req.url.searchParams);
    }
    // ADO's quirk: a browser-style GET is "redirected" to a sign-in page served as 203, not 401.
    // git's requests get the 401 challenge, which makes git ask its credential helper.
    if (isRead && !suppressRedirect && !route.git) return signInPage(ctx.origin, org.name);
    return unauthorized(ctx.origin, org.tenantId);
  }

  const member = findMember(org, authentication.principalId);
  if (!member) {
    // The identity is valid in the org's tenant but was never added as an organization user.
    const who = authentication.isApplication || !authentication.upn ? `${org.tenantId}\\${org.tenantId}\\${authentication.principalId}` : `${org.tenantId}\\${authentication.upn}`;
    return adoError(
      401,
      "UnauthorizedRequestException",
      `TF401444: Please sign-in at least once as ${who} in a web browser to enable access to the service.`,
      challengeHeaders(ctx.origin, org.tenantId),
    );
  }
  if (!patAllows(authentication.patScopes, route.patScope)) {
    // (from memory) a PAT without the route's scope is refused like an unauthorized user.
    return unauthorized(ctx.origin, org.tenantId, member.uniqueName ?? member.principalId);
  }

  const call: AdoCall = { req, ctx, org, caller: authentication, member, params, query: req.url.searchParams };
  return route.handler(call);
}

export const adoService: SandboxService = { name: "Azure DevOps", prefix: "/ado", handle };
