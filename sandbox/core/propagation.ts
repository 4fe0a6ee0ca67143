// Entra's replication delay: a new federated identity credential, service principal or role
// assignment takes a while to be honoured everywhere, and until then requests fail with the same
// errors as a missing object (AADSTS700213/70021 for a FIC, 700016 for a service principal, the
// resource's 403 for a role). Learn says so for FICs ("it can take a few minutes for the federated
// credential to be propagated") and role assignments ("up to 10 minutes"), and
// https://github.com/Azure/azure-workload-identity/issues/1200 shows a FIC failing right after creation.
// With a world's `propagationDelaySeconds` above 0, every object that was not in the world before
// a change (a world load, a Graph write, an admin consent, a grant) stays invisible to token
// issuance and resource services for that long. Objects that change in place are not delayed.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust
// https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected
import type { World } from "../world/schema";

const lower = (value: string) => value.toLowerCase();

/** The objects whose creation propagates, each with a stable key. */
export function propagatingKeys(world: World): Set<string> {
  const keys = new Set<string>();
  for (const app of world.applications) for (const fic of app.federatedIdentityCredentials) keys.add(ficKey(app.appId, fic.id));
  for (const sp of world.servicePrincipals) {
    keys.add(spKey(sp.tenantId, sp.appId));
    for (const assignment of sp.appRoleAssignments) keys.add(appRoleKey(sp.id, assignment.principalId, assignment.appRole));
  }
  for (const subscription of world.arm.subscriptions) for (const assignment of subscription.roleAssignments) keys.add(armKey(assignment.name));
  for (const cluster of world.kusto.clusters) {
    for (const database of cluster.databases) for (const principal of database.principals) keys.add(kustoKey(cluster.name, database.name, principal.role, principal.fqn));
  }
  for (const org of world.ado.organizations) {
    for (const member of org.members) keys.add(adoMemberKey(org.name, member.principalId));
    for (const project of org.projects) {
      for (const [group, ids] of Object.entries(project.groups)) for (const id of ids) keys.add(adoGroupKey(org.name, project.id, group, id));
    }
  }
  return keys;
}

const ficKey = (appId: string, ficId: string) => `fic:${lower(appId)}:${lower(ficId)}`;
const spKey = (tenantId: string, appId: string) => `sp:${lower(tenantId)}:${lower(appId)}`;
const appRoleKey = (spId: string, principalId: string, role: string) => `approle:${lower(spId)}:${lower(principalId)}:${role}`;
const armKey = (name: string) => `arm:${lower(name)}`;
const kustoKey = (cluster: string, database: string, role: string, fqn: string) => `kusto:${cluster}:${lower(database)}:${role}:${lower(fqn)}`;
const adoMemberKey = (org: string, principalId: string) => `ado-member:${lower(org)}:${lower(principalId)}`;
const adoGroupKey = (org: string, projectId: string, group: string, principalId: string) => `ado-group:${lower(org)}:${lower(projectId)}:${group}:${lower(principalId)}`;

export class Propagation {
  /** Key → when it becomes visible (ms since the epoch). */
  private readonly pending = new Map<string, number>();

  /** Records the objects of `after` that were not in `before` as propagating for the world's delay. */
  noteChange(before: Set<string>, after: World, now = Date.now()): void {
    const delayMs = after.propagationDelaySeconds * 1000;
    if (delayMs <= 0) return;
    for (const key of propagatingKeys(after)) if (!before.has(key)) this.pending.set(key, now + delayMs);
  }

  clear(): void {
    this.pending.clear();
  }

  /** Keys still propagating, with the seconds left; expired entries are dropped. */
  active(now = Date.now()): Map<string, number> {
    for (const [key, visibleAt] of this.pending) if (visibleAt <= now) this.pending.delete(key);
    return new Map([...this.pending].map(([key, visibleAt]) => [key, Math.ceil((visibleAt - now) / 1000)]));
  }

  /** The world as token issuance and resource services see it: without objects still propagating. */
  view(world: World, now = Date.now()): World {
    const hidden = this.active(now);
    if (hidden.size === 0) return world;
    const visible = (key: string) => !hidden.has(key);
    const copy = structuredClone(world);
    for (const app of copy.applications) app.federatedIdentityCredentials = app.federatedIdentityCredentials.filter((fic) => visible(ficKey(app.appId, fic.id)));
    copy.servicePrincipals = copy.servicePrincipals.filter((sp) => visible(spKey(sp.tenantId, sp.appId)));
    for (const sp of copy.servicePrincipals) sp.appRoleAssignments = sp.appRoleAssignments.filter((a) => visible(appRoleKey(sp.id, a.principalId, a.appRole)));
    for (const subscription of copy.arm.subscriptions) subscription.roleAssignments = subscription.roleAssignments.filter((a) => visible(armKey(a.name)));
    for (const cluster of copy.kusto.clusters) {
      for (const database of cluster.databases) database.principals = database.principals.filter((p) => visible(kustoKey(cluster.name, database.name, p.role, p.fqn)));
    }
    for (const org of copy.ado.organizations) {
      org.members = org.members.filter((member) => visible(adoMemberKey(org.name, member.principalId)));
      for (const project of org.projects) {
        const groups = project.groups as Record<string, string[]>;
        for (const group of Object.keys(groups)) groups[group] = groups[group]!.filter((id) => visible(adoGroupKey(org.name, project.id, group, id)));
      }
    }
    return copy;
  }
}
