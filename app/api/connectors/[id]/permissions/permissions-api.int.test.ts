// POST /api/connectors/[id]/permissions against the sandbox cloud (real MI + FIC exchange, real
// HTTPS to its Azure DevOps) and real SQLite and PostgreSQL databases: each permission of the
// default world's Litware reported with its cause and fix, bits read from the namespaces,
// upstream throttling, errors and hangs ending as "unknown" within the budget, and the rate limit.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, cloneWorld } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { CONNECTOR_APP } from "@/sandbox/world/default/ids";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetUpstreamBreakers } from "@/lib/server/outbound/upstream-breaker";
import { adoConnector, countRequests, JWT_PATTERN, kustoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { resetValidationRateLimit } from "@/lib/server/rate-limit/validation-rate-limit";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { PermissionValidationDto } from "@/lib/schemas/permission-check";
import { checksOf } from "@/lib/server/pipeline/stored-checks";
import { POST as validateRoute } from "./route";

const BUDGET_MS = 6_000;
const sandbox = sandboxForFile((running) => {
  // Before anything calls settings(): it caches the environment on first use.
  usePortalEnvironment(running);
  process.env.TB_VALIDATION_BUDGET_MS = String(BUDGET_MS);
});

let cookie = "";
const validate = (id: string, body: unknown) =>
  validateRoute(
    new Request(`http://localhost/api/connectors/${id}/permissions`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
const everything = { project: "Payments", repositories: ["payments-api", "payments-web"], areaPath: "Payments\\Ledger" };
const statuses = (dto: PermissionValidationDto) => Object.fromEntries(dto.checks.map((check) => [check.key, check.status]));
const check = (dto: PermissionValidationDto, key: string) => dto.checks.find((candidate) => candidate.key === key)!;

for (const provider of testProviders) {
  describe(`permission validation on ${provider}`, () => {
    // A breaker opened by one test's faults must not answer for the next test.
    const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens, resetUpstreamBreakers, resetValidationRateLimit], tables: ["auditEvent", "connector", "organization"] });
    beforeAll(() => {
      cookie = t.cookies.admin;
    });

    it("reports Litware's passes and failures with cause and fix, grouped by capability, and stores the run", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const response = await validate(id, { ...everything, trigger: "wizard" });
      expect(response.status).toBe(200);
      const dto = (await response.json()) as PermissionValidationDto;
      expect(statuses(dto)).toEqual({
        credential: "pass",
        organization: "pass",
        project: "pass",
        "repository-read:payments-api": "pass",
        "pull-request-contribute:payments-api": "pass",
        "repository-read:payments-web": "pass",
        "pull-request-contribute:payments-web": "fail",
        "work-item-write:Payments\\Ledger": "fail",
      });
      expect(dto.identity).toBe("TenantBridge Connector");
      expect(dto.outcome).toBe("fail");

      const pr = check(dto, "pull-request-contribute:payments-web");
      expect(pr.title).toBe("Cannot contribute to pull requests in payments-web");
      expect(pr.fix).toContain("Project settings → Repositories → payments-web → Security → TenantBridge Connector → Contribute to pull requests: Allow");
      expect(pr.expected).toBe(`PullRequestContribute allowed on repoV2/11700000-ad00-4000-8000-000000000101/11700000-ad00-4000-8000-000000000202`);

      const ledger = check(dto, "work-item-write:Payments\\Ledger");
      expect(ledger.fix).toContain("Project settings → Project configuration → Areas → Payments\\Ledger → Security → TenantBridge Connector → Edit work items in this node: Allow");
      // The nested area's token is the chain from the project's root area.
      expect(ledger.expected).toBe("WORK_ITEM_WRITE allowed on vstfs:///Classification/Node/11700000-ad00-4000-8000-000000000301:vstfs:///Classification/Node/11700000-ad00-4000-8000-000000000303");
      // Bits come from the namespaces as the organization describes them.
      expect(check(dto, "repository-read:payments-api").detail).toContain("(GenericRead, bit 2)");
      expect(check(dto, "pull-request-contribute:payments-api").detail).toContain("(PullRequestContribute, bit 16384)");

      expect(dto.capabilities.map((group) => `${group.capability}:${group.status}`)).toEqual(["read_code:pass", "comment:fail", "create_work_items:fail"]);
      expect(dto.capabilities[0]!.checks.map((item) => item.key)).toEqual(["credential", "organization", "project", "repository-read:payments-api", "repository-read:payments-web"]);
      expect(dto.missing).toHaveLength(2);
      expect(dto.missing[0]).toMatch(/^Contribute to pull requests in payments-web: Project settings/);

      const run = await t.current.db.validationRun.findUniqueOrThrow({ where: { id: dto.runId } });
      expect(run).toMatchObject({ trigger: "wizard", outcome: "fail", connectorId: id });
      expect(checksOf(run.checks)).toHaveLength(8);
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "connector.permissions_validated" } });
      expect(audit).toHaveLength(1);
      for (const value of [dto, run, audit]) expect(JSON.stringify(value)).not.toMatch(JWT_PATTERN);
      // The connector's health belongs to its chain test.
      expect((await t.current.db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("unchecked");
    });

    it("passes work items on Payments\\Checkout, reading the WORK_ITEM_WRITE bit from the CSS namespace", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const namespaceCalls = await countRequests(sandbox, "/ado/litware/_apis/securitynamespaces/");
      const dto = (await (await validate(id, { project: "payments", repositories: [], areaPath: "\\Payments\\Checkout", capabilities: ["create_work_items"] })).json()) as PermissionValidationDto;
      expect(statuses(dto)).toEqual({ credential: "pass", organization: "pass", project: "pass", "work-item-write:Payments\\Checkout": "pass" });
      expect(check(dto, "work-item-write:Payments\\Checkout").detail).toContain("(WORK_ITEM_WRITE, bit 32)");
      expect(dto.project).toBe("Payments");
      expect(await namespaceCalls()).toBe(1);
    });

    it("without an area path, judges the first area where the identity may edit work items, not the project root", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const dto = (await (await validate(id, { project: "Payments", repositories: [], capabilities: ["create_work_items"] })).json()) as PermissionValidationDto;
      // The root (Payments) comes first in the tree, but only Checkout grants WORK_ITEM_WRITE.
      expect(dto.areaPath).toBe("Payments\\Checkout");
      expect(statuses(dto)).toEqual({ credential: "pass", organization: "pass", project: "pass", "work-item-write:Payments\\Checkout": "pass" });
      const run = await t.current.db.validationRun.findUniqueOrThrow({ where: { id: dto.runId } });
      expect(checksOf(run.checks).map((stored) => stored.key)).toContain("work-item-write:Payments\\Checkout");
    });

    it("without an area path and no area that allows it, judges the project root and says no other area allows it", async () => {
      const world = cloneWorld(sandbox);
      const payments = world.ado.organizations.find((org) => org.name === "litware")!.projects.find((project) => project.name === "Payments")!;
      for (const area of payments.areas.children ?? []) area.permissions = [];
      sandbox.loadWorld(world);
      const id = await adoConnector(t.current.db, "litware");
      const dto = (await (await validate(id, { project: "Payments", repositories: [], capabilities: ["create_work_items"] })).json()) as PermissionValidationDto;
      expect(dto.areaPath).toBe("Payments");
      const root = check(dto, "work-item-write:Payments");
      expect(root.status).toBe("fail");
      expect(root.label).toBe("Edit work items in Payments");
      expect(root.cause).toContain("No other area path of Payments allows it either (3 checked)");
      expect(root.fix).toContain("Areas → Payments → Security");
    });

    it("fails the project the identity cannot see, by name, with TF200016, and skips what depends on it", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const dto = (await (await validate(id, { project: "Treasury", repositories: ["treasury-core"] })).json()) as PermissionValidationDto;
      const project = check(dto, "project");
      expect(project).toMatchObject({ status: "fail", code: "TF200016" });
      expect(project.fix).toContain("add TenantBridge Connector to Treasury's Readers group");
      expect(check(dto, "repository-read:treasury-core")).toMatchObject({ status: "skipped", cause: "Skipped because TenantBridge Connector cannot see project Treasury." });
    });

    it("fails with TF401444 and the Basic-access fix when the identity is not a user of the organization", async () => {
      const world = cloneWorld(sandbox);
      const litware = world.ado.organizations.find((candidate) => candidate.name === "litware")!;
      litware.members = litware.members.filter((member) => member.principalId !== CONNECTOR_APP.spLitware);
      sandbox.loadWorld(world);
      const id = await adoConnector(t.current.db, "litware");
      const dto = (await (await validate(id, everything)).json()) as PermissionValidationDto;
      const organization = check(dto, "organization");
      expect(organization).toMatchObject({ status: "fail", code: "TF401444" });
      expect(organization.fix).toContain("Basic access: Organization settings → Users → Add users");
      expect(organization.fix).toContain(CONNECTOR_APP.spLitware);
      expect(dto.checks.slice(3).every((item) => item.status === "skipped")).toBe(true);
    });

    it("fails a repository the identity cannot read with TF401019, and an unknown area path with the known ones", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const dto = (await (await validate(id, { project: "Payments", repositories: ["payments-mobile"], areaPath: "Payments\\Mobile" })).json()) as PermissionValidationDto;
      expect(check(dto, "repository-read:payments-mobile")).toMatchObject({ status: "fail", code: "TF401019" });
      expect(check(dto, "pull-request-contribute:payments-mobile").status).toBe("skipped");
      const area = check(dto, "work-item-write:Payments\\Mobile");
      expect(area).toMatchObject({ status: "fail", code: "area_not_found" });
      expect(area.fix).toContain("Payments\\Checkout");
    });

    it("passes everything for dev@litware's PAT (a Contributor)", async () => {
      const id = await adoConnector(t.current.db, "litware", { authMethod: "pat" });
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeAndWork, expiresAt: null });
      const dto = (await (await validate(id, everything)).json()) as PermissionValidationDto;
      expect(dto.outcome).toBe("pass");
      expect(dto.identity).toBe("Litware Developer");
      // ADO evaluates the owner's permissions; the PAT's own scopes cannot be read, so the pass says what they must be.
      expect(check(dto, "work-item-write:Payments\\Ledger").detail).toContain("vso.work_write");
      expect(check(dto, "repository-read:payments-api").detail).not.toContain("scope");
      expect(JSON.stringify(dto)).not.toContain(ADO_PATS.devCodeAndWork);
      expect(JSON.stringify(await t.current.db.validationRun.findMany())).not.toContain(ADO_PATS.devCodeAndWork);
    });

    it("reports a connector without a credential at the first check, not as an error", async () => {
      const id = await adoConnector(t.current.db, "litware", { authMethod: "pat" });
      const response = await validate(id, everything);
      expect(response.status).toBe(200);
      const dto = (await response.json()) as PermissionValidationDto;
      expect(check(dto, "credential")).toMatchObject({ status: "fail", code: "pat_missing" });
    });

    it("answers 422 for a Kusto connector and 404 for an unknown one, storing nothing", async () => {
      const kusto = await kustoConnector(t.current.db, sandbox, "Telemetry");
      expect((await validate(kusto, everything)).status).toBe(422);
      expect((await validate("nope", everything)).status).toBe(404);
      expect(await t.current.db.validationRun.count()).toBe(0);
    });

    describe("when Azure DevOps misbehaves", () => {
      it("turns a throttled evaluation (429 with Retry-After) into unknown checks that say so, after honouring Retry-After", async () => {
        const id = await adoConnector(t.current.db, "litware");
        await admin(sandbox, "POST", "/faults", { path: "/ado/litware/_apis/security/permissionevaluationbatch", status: 429, retryAfterSeconds: 1 });
        const started = Date.now();
        const response = await validate(id, everything);
        const elapsed = Date.now() - started;
        expect(response.status).toBe(200);
        const dto = (await response.json()) as PermissionValidationDto;
        expect(statuses(dto)).toMatchObject({ organization: "pass", project: "pass", "repository-read:payments-api": "unknown", "work-item-write:Payments\\Ledger": "unknown" });
        const read = check(dto, "repository-read:payments-api");
        expect(read.code).toBe("HTTP 429");
        expect(read.title).toBe("Azure DevOps is throttling the calls");
        expect(dto.outcome).toBe("unknown");
        expect(dto.missing.every((line) => line.includes("(not decided)"))).toBe(true);
        // Retry-After was waited out between attempts rather than hammering the service.
        expect(elapsed).toBeGreaterThanOrEqual(1_900);
        expect(elapsed).toBeLessThan(BUDGET_MS + 5_000);
      });

      it("turns a 503 on the security namespaces into unknown permission checks", async () => {
        const id = await adoConnector(t.current.db, "litware");
        await admin(sandbox, "POST", "/faults", { path: "/ado/litware/_apis/securitynamespaces", status: 503 });
        const dto = (await (await validate(id, everything)).json()) as PermissionValidationDto;
        expect(check(dto, "pull-request-contribute:payments-web")).toMatchObject({ status: "unknown", code: "HTTP 503", title: "Azure DevOps had a server error" });
        expect(check(dto, "project").status).toBe("pass");
      });

      it("ends a hanging organization within the budget with unknown checks and a clear reason", async () => {
        const id = await adoConnector(t.current.db, "litware");
        // Acquire the token first, so the hang is Azure DevOps' alone.
        await validate(id, { ...everything, capabilities: ["read_code"] });
        await admin(sandbox, "POST", "/faults", { path: "/ado/", hang: true });
        const started = Date.now();
        const response = await validate(id, everything);
        const elapsed = Date.now() - started;
        expect(response.status).toBe(200);
        const dto = (await response.json()) as PermissionValidationDto;
        expect(elapsed).toBeLessThan(BUDGET_MS + 5_000);
        expect(check(dto, "organization")).toMatchObject({ status: "unknown", code: "timeout", title: "Azure DevOps is not answering" });
        expect(dto.outcome).toBe("unknown");
        expect(dto.checks.slice(3).every((item) => item.status === "skipped")).toBe(true);
        await admin(sandbox, "DELETE", "/faults");
      });
    });

    const badBodies: [string, unknown, string][] = [
      ["a wrong type", { project: 7, repositories: ["payments-api"] }, "project"],
      ["a string for the list", { project: "Payments", repositories: "payments-api" }, "repositories"],
      ["an unknown field", { ...everything, organization: "litware" }, "organization"],
      ["an unknown capability", { ...everything, capabilities: ["delete_repos"] }, "capabilities.0"],
      ["an empty repository list for read_code", { project: "Payments", repositories: [] }, "repositories"],
      ["a repeated repository", { project: "Payments", repositories: ["payments-api", "PAYMENTS-API"] }, "repositories"],
      ["too many repositories", { project: "Payments", repositories: Array.from({ length: 21 }, (_, index) => `repo-${index}`) }, "repositories"],
      ["an oversized project", { project: "p".repeat(65), repositories: ["payments-api"] }, "project"],
      ["a path in the project", { project: "../x", repositories: ["payments-api"] }, "project"],
      ["markup in a repository", { project: "Payments", repositories: ["<script>"] }, "repositories.0"],
      ["an area path with a reserved character", { ...everything, areaPath: "Payments\\Led*ger" }, "areaPath"],
      ["an area path too deep", { ...everything, areaPath: Array.from({ length: 15 }, () => "a").join("\\") }, "areaPath"],
      ["an unknown trigger", { ...everything, trigger: "schedule" }, "trigger"],
    ];
    for (const [name, body, field] of badBodies) {
      it(`answers 422 naming '${field}' for ${name}, spending no validation and storing nothing`, async () => {
        const id = await adoConnector(t.current.db, "litware");
        const before = { runs: await t.current.db.validationRun.count(), audit: await t.current.db.auditEvent.count() };
        const response = await validate(id, body);
        expect(response.status).toBe(422);
        const error = (await response.json()) as { error: { message: string; fields?: { field: string }[] } };
        expect(error.error.fields?.map((item) => item.field)).toContain(field);
        expect(error.error.message).toContain(field);
        expect({ runs: await t.current.db.validationRun.count(), audit: await t.current.db.auditEvent.count() }).toEqual(before);
      });
    }

    it("refuses a reader with 403 before any call to Azure DevOps", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const readerCookie = t.cookies.reader;
      const calls = await countRequests(sandbox, "/ado/");
      const response = await validateRoute(
        new Request(`http://localhost/api/connectors/${id}/permissions`, { method: "POST", headers: { "content-type": "application/json", cookie: readerCookie }, body: JSON.stringify(everything) }),
        { params: Promise.resolve({ id }) },
      );
      expect(response.status).toBe(403);
      expect(await calls()).toBe(0);
      expect(await t.current.db.validationRun.count()).toBe(0);
    });

    it("limits validations per organization with 429 and Retry-After", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const body = { project: "Payments", repositories: ["payments-api"], capabilities: ["read_code"] };
      for (let index = 0; index < 5; index++) expect((await validate(id, body)).status).toBe(200);
      const limited = await validate(id, body);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const error = (await limited.json()) as { error: { code: string; message: string; hint: string } };
      expect(error.error).toMatchObject({ code: "rate_limited" });
      expect(error.error.message).toContain("litware");
      expect(await t.current.db.validationRun.count()).toBe(5);
    });
  });
}
