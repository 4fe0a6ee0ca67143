import { describe, expect, it } from "vitest";
import { adoSchema, type AdoOrganization } from "../world/ado";
import { ADO_IDS, adoPart } from "../world/default/ado";
import { CONNECTOR_APP, USER } from "../world/default/ids";
import { hasPermission } from "./permissions";
import { CSS_NAMESPACE_ID, GIT_NAMESPACE_ID } from "./security-namespaces";

const L = ADO_IDS.litware;
const litware = (): AdoOrganization => adoSchema.parse(adoPart).organizations[0] as AdoOrganization;
const repoToken = (repoId: string) => `repoV2/${L.payments}/${repoId}`;
const node = (id: string) => `vstfs:///Classification/Node/${id}`;
const GENERIC_READ = 2;
const PR_CONTRIBUTE = 16384;
const WORK_ITEM_WRITE = 32;

function git(org: AdoOrganization, principalId: string, token: string, permissions: number, alwaysAllowAdministrators = false) {
  return hasPermission(org, principalId, { namespaceId: GIT_NAMESPACE_ID, token, permissions, alwaysAllowAdministrators });
}
function css(org: AdoOrganization, principalId: string, token: string, permissions: number) {
  return hasPermission(org, principalId, { namespaceId: CSS_NAMESPACE_ID, token, permissions, alwaysAllowAdministrators: false });
}

describe("Git repository permissions", () => {
  const org = litware();
  const connector = CONNECTOR_APP.spLitware;

  it("gives project Readers GenericRead on every repository", () => {
    expect(git(org, connector, repoToken(L.paymentsApi), GENERIC_READ)).toBe(true);
    expect(git(org, connector, repoToken(L.paymentsWeb), GENERIC_READ)).toBe(true);
  });

  it("honours an explicit allow and an explicit deny of PullRequestContribute", () => {
    expect(git(org, connector, repoToken(L.paymentsApi), PR_CONTRIBUTE)).toBe(true);
    expect(git(org, connector, repoToken(L.paymentsWeb), PR_CONTRIBUTE)).toBe(false);
  });

  it("requires every requested bit", () => {
    expect(git(org, connector, repoToken(L.paymentsApi), GENERIC_READ | PR_CONTRIBUTE)).toBe(true);
    expect(git(org, connector, repoToken(L.paymentsApi), GENERIC_READ | 4)).toBe(false);
  });

  it("lets a deny on the repository beat the Contributors group's allow", () => {
    const changed = litware();
    changed.projects[0]!.repositories[0]!.permissions.push({ principalId: USER.litwareDev.oid, allow: [], deny: ["PullRequestContribute"] });
    expect(git(litware(), USER.litwareDev.oid, repoToken(L.paymentsApi), PR_CONTRIBUTE)).toBe(true);
    expect(git(changed, USER.litwareDev.oid, repoToken(L.paymentsApi), PR_CONTRIBUTE)).toBe(false);
  });

  it("lets deny win over allow at the same level", () => {
    const changed = litware();
    changed.projects[0]!.repositories[0]!.permissions.push({ principalId: connector, allow: [], deny: ["PullRequestContribute"] });
    expect(git(changed, connector, repoToken(L.paymentsApi), PR_CONTRIBUTE)).toBe(false);
  });

  it("lets a repository-level allow override a project-level deny", () => {
    const changed = litware();
    changed.projects[0]!.repositoryPermissions.push({ principalId: connector, allow: [], deny: ["GenericContribute"] });
    changed.projects[0]!.repositories[0]!.permissions.push({ principalId: connector, allow: ["GenericContribute"], deny: [] });
    expect(git(changed, connector, repoToken(L.paymentsApi), 4)).toBe(true);
    expect(git(changed, connector, repoToken(L.paymentsWeb), 4)).toBe(false);
  });

  it("denies all of Repos to Stakeholder access, whatever the groups say", () => {
    expect(git(org, USER.litwareIntern.oid, repoToken(L.paymentsApi), GENERIC_READ)).toBe(false);
  });

  it("knows nothing of other projects' repositories for a non-member of that project", () => {
    expect(git(org, connector, `repoV2/${L.treasury}/${L.treasuryCore}`, GENERIC_READ)).toBe(false);
  });

  it("answers false for non-members, unknown tokens and unknown namespaces", () => {
    expect(git(org, "00000000-0000-4000-8000-000000000000", repoToken(L.paymentsApi), GENERIC_READ)).toBe(false);
    expect(git(org, connector, `repoV2/${L.payments}/${L.treasuryCore}`, GENERIC_READ)).toBe(false);
    expect(git(org, connector, "nonsense", GENERIC_READ)).toBe(false);
    expect(hasPermission(org, connector, { namespaceId: "00000000-0000-4000-8000-000000000000", token: "x", permissions: 1, alwaysAllowAdministrators: false })).toBe(false);
  });

  it("passes administrators only when alwaysAllowAdministrators is asked for, if a deny applies", () => {
    const changed = litware();
    changed.projects[0]!.repositories[0]!.permissions.push({ principalId: USER.litwareAdmin.oid, allow: [], deny: ["GenericRead"] });
    expect(git(changed, USER.litwareAdmin.oid, repoToken(L.paymentsApi), GENERIC_READ)).toBe(false);
    expect(git(changed, USER.litwareAdmin.oid, repoToken(L.paymentsApi), GENERIC_READ, true)).toBe(true);
    expect(git(changed, connector, repoToken(L.paymentsWeb), PR_CONTRIBUTE, true)).toBe(false);
  });

  it("gives Project Collection Administrators the org-wide repoV2 token", () => {
    expect(git(org, USER.litwareAdmin.oid, "repoV2", GENERIC_READ)).toBe(true);
    expect(git(org, USER.litwareDev.oid, "repoV2", GENERIC_READ)).toBe(false);
  });
});

describe("area path (CSS) permissions", () => {
  const org = litware();
  const connector = CONNECTOR_APP.spLitware;
  const checkout = `${node(L.areaPayments)}:${node(L.areaCheckout)}`;
  const ledger = `${node(L.areaPayments)}:${node(L.areaLedger)}`;

  it("allows editing work items where an explicit allow exists, not elsewhere", () => {
    expect(css(org, connector, checkout, WORK_ITEM_WRITE)).toBe(true);
    expect(css(org, connector, ledger, WORK_ITEM_WRITE)).toBe(false);
    expect(css(org, connector, node(L.areaPayments), WORK_ITEM_WRITE)).toBe(false);
  });

  it("inherits Readers' view permission into child nodes", () => {
    expect(css(org, connector, ledger, 16)).toBe(true);
  });

  it("accepts a single-node token for a nested node", () => {
    expect(css(org, connector, node(L.areaCheckout), WORK_ITEM_WRITE)).toBe(true);
  });

  it("gives Contributors WORK_ITEM_WRITE everywhere in their project", () => {
    expect(css(org, USER.litwareDev.oid, ledger, WORK_ITEM_WRITE)).toBe(true);
    expect(css(org, USER.litwareDev.oid, node(L.areaTreasury), WORK_ITEM_WRITE)).toBe(false);
  });

  it("lets a child's deny override the inherited group allow", () => {
    const changed = litware();
    changed.projects[0]!.areas.children[1]!.permissions.push({ principalId: USER.litwareDev.oid, allow: [], deny: ["WORK_ITEM_WRITE"] });
    expect(css(changed, USER.litwareDev.oid, ledger, WORK_ITEM_WRITE)).toBe(false);
    expect(css(changed, USER.litwareDev.oid, checkout, WORK_ITEM_WRITE)).toBe(true);
  });
});
