// The knowledge sources API and the wizard's live lists against the sandbox cloud and real SQLite
// and PostgreSQL databases: validate before save (ready, or a draft that says what is missing),
// conflicts, and every bad input answered 4xx with the field named and nothing stored.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloneWorld } from "@/sandbox/testing/test-sandbox";
import { ADO_IDS } from "@/sandbox/world/default/ado";
import { CONNECTOR_APP } from "@/sandbox/world/default/ids";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetLiveListRateLimit } from "@/lib/server/rate-limit/live-list-rate-limit";
import { adoConnector, kustoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { resetValidationRateLimit } from "@/lib/server/rate-limit/validation-rate-limit";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { AdoAreaDto, AdoProjectDto, AdoRepositoryDto, CatalogListDto, CreateSourceResultDto, SourceDto } from "@/lib/schemas/source";
import { GET as listRoute, POST as createRoute } from "./route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "./[id]/route";
import { GET as projectsRoute } from "../connectors/[id]/projects/route";
import { GET as repositoriesRoute } from "../connectors/[id]/projects/[project]/repositories/route";
import { GET as areasRoute } from "../connectors/[id]/projects/[project]/areas/route";

const sandbox = sandboxForFile((running) => {
  usePortalEnvironment(running);
  process.env.TB_VALIDATION_BUDGET_MS = "6000";
});

const base = "http://localhost/api/sources";
let cookie = "";
const json = (method: string, body: unknown, url = base, extra: Record<string, string> = {}) =>
  new Request(url, { method, headers: { "content-type": "application/json", cookie, ...extra }, body: typeof body === "string" ? body : JSON.stringify(body) });
const get = (url: string) => new Request(url, { headers: { cookie } });
const del = (url: string) => new Request(url, { method: "DELETE", headers: { cookie } });
const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[]; hint?: string } };

for (const provider of testProviders) {
  describe(`knowledge sources API on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens, resetValidationRateLimit, resetLiveListRateLimit], tables: ["auditEvent", "connector", "organization"] });
    let connectorId = "";
    beforeAll(() => {
      cookie = t.cookies.admin;
    });
    beforeEach(async () => {
      connectorId = await adoConnector(t.current.db, "litware");
    });

    const counts = async () => ({
      sources: await t.current.db.knowledgeSource.count(),
      runs: await t.current.db.validationRun.count(),
      audit: await t.current.db.auditEvent.count(),
      organizations: await t.current.db.organization.count(),
    });
    const create = (body: Record<string, unknown>) => createRoute(json("POST", { connectorId, displayName: "Payments API", ...body }));

    it("validates, then saves a readable repository as ready with ADO's ids and default branch", async () => {
      const response = await create({ project: "payments", repository: "PAYMENTS-API", description: "Card capture and refunds" });
      expect(response.status).toBe(201);
      const { source, validation } = (await response.json()) as CreateSourceResultDto;
      expect(source).toMatchObject({
        organization: "litware",
        project: "Payments",
        projectId: ADO_IDS.litware.payments,
        repository: "payments-api",
        repositoryId: ADO_IDS.litware.paymentsApi,
        branch: "main",
        status: "ready",
        missing: [],
        version: 1,
        validationRunId: validation.runId,
      });
      expect(validation.capabilities.map((group) => group.capability)).toEqual(["read_code"]);
      expect(validation.trigger).toBe("wizard");
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "source.created" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).toContain("litware/Payments/payments-api");

      const listed = (await (await listRoute(get(`${base}?organization=LITWARE&status=ready`))).json()) as { items: SourceDto[] };
      expect(listed.items.map((item) => item.id)).toEqual([source.id]);
      expect(((await (await getRoute(get(`${base}/${source.id}`), params({ id: source.id }))).json()) as SourceDto).displayName).toBe("Payments API");
    });

    it("refuses a repository the identity cannot reach unless a draft is asked for, which then lists what is missing", async () => {
      const before = await counts();
      const refused = await create({ project: "Treasury", repository: "treasury-core" });
      expect(refused.status).toBe(422);
      const error = (await refused.json()) as ErrorBody;
      expect(error.error.fields?.[0]).toMatchObject({ field: "project" });
      expect(error.error.fields?.[0]!.message).toContain("add TenantBridge Connector to Treasury's Readers group");
      expect(error.error.hint).toContain("allowDraft");
      // The validation itself is on record; the source is not.
      expect(await counts()).toEqual({ ...before, runs: before.runs + 1, audit: before.audit + 1 });

      const drafted = await create({ project: "Treasury", repository: "treasury-core", allowDraft: true });
      expect(drafted.status).toBe(201);
      const { source } = (await drafted.json()) as CreateSourceResultDto;
      expect(source).toMatchObject({ status: "draft", project: "Treasury", projectId: null, repositoryId: null });
      expect(source.missing[0]).toMatch(/^Can see project Treasury: Check the project name, then add TenantBridge Connector/);
      expect(source.missing.slice(1).every((line) => line.includes("(not checked)"))).toBe(true);
    });

    it("answers 409 for a repository that is already a source, whatever its case, without validating again", async () => {
      expect((await create({ project: "Payments", repository: "payments-api" })).status).toBe(201);
      const before = await counts();
      const again = await create({ project: "PAYMENTS", repository: "Payments-Api", displayName: "Again" });
      expect(again.status).toBe(409);
      expect(((await again.json()) as ErrorBody).error.fields?.[0]?.field).toBe("repository");
      expect(await counts()).toEqual(before);
    });

    it("updates with the version read, answers 409 to a stale one, and deletes", async () => {
      const { source } = (await (await create({ project: "Payments", repository: "payments-web" })).json()) as CreateSourceResultDto;
      const url = `${base}/${source.id}`;
      const updated = await patchRoute(json("PATCH", { version: 1, displayName: "Checkout pages", branch: "refs/heads/release/2025", description: null }, url), params({ id: source.id }));
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({ displayName: "Checkout pages", branch: "release/2025", description: null, version: 2 });
      const stale = await patchRoute(json("PATCH", { version: 1, displayName: "Lost" }, url), params({ id: source.id }));
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as ErrorBody).error.code).toBe("version_conflict");
      expect((await deleteRoute(del(`${url}?version=1`), params({ id: source.id }))).status).toBe(409);
      expect((await deleteRoute(del(`${url}?version=2`), params({ id: source.id }))).status).toBe(204);
      expect((await getRoute(get(url), params({ id: source.id }))).status).toBe(404);
      const actions = (await t.current.db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((event) => event.action);
      expect(actions).toEqual(expect.arrayContaining(["source.created", "source.updated", "source.deleted"]));
    });

    const everything = { capabilities: ["read_code", "comment", "create_work_items"], areaPath: "Payments\\Checkout" };

    it("never calls a source ready for commenting when Contribute to pull requests is denied on it", async () => {
      const web = await create({ project: "Payments", repository: "payments-web", displayName: "Checkout pages", ...everything });
      expect(web.status).toBe(201);
      const { source } = (await web.json()) as CreateSourceResultDto;
      // Reading passed, so the agent may clone it; commenting did not, and the DTO says so.
      expect(source).toMatchObject({ status: "ready", capabilities: everything.capabilities, areaPath: "Payments\\Checkout" });
      expect(source.readiness.level).toBe("read_code");
      expect(source.readiness.summary).toBe("Ready for reading code only: not for comment on work items and pull requests");
      const comment = source.readiness.capabilities.find((entry) => entry.capability === "comment")!;
      expect(comment.status).toBe("fail");
      expect(comment.missing.map((item) => item.label)).toEqual(["Contribute to pull requests in payments-web"]);
      expect(comment.missing[0]!.fix).toBeTruthy();
      expect(source.readiness.capabilities.find((entry) => entry.capability === "create_work_items")!.status).toBe("pass");

      const api = (await (await create({ project: "Payments", repository: "payments-api", ...everything })).json()) as CreateSourceResultDto;
      expect(api.source.readiness).toMatchObject({ level: "everything", summary: "Ready for everything it was added for" });

      // The list answers the same readiness from the stored checks, not from the save.
      const listed = (await (await listRoute(get(base))).json()) as { items: SourceDto[] };
      const listedWeb = listed.items.find((item) => item.repository === "payments-web")!;
      expect(listedWeb.readiness).toEqual(source.readiness);
      expect(listed.items.find((item) => item.repository === "payments-api")!.readiness.level).toBe("everything");
    });

    it("an edit of the area path or the capabilities runs the checks again, is audited, and needs an area path to comment", async () => {
      const { source } = (await (await create({ project: "Payments", repository: "payments-api", ...everything })).json()) as CreateSourceResultDto;
      const url = `${base}/${source.id}`;
      const moved = await patchRoute(json("PATCH", { version: 1, areaPath: "Payments\\Ledger", branch: "release/2025" }, url), params({ id: source.id }));
      expect(moved.status).toBe(200);
      const edited = (await moved.json()) as SourceDto;
      expect(edited).toMatchObject({ areaPath: "Payments\\Ledger", branch: "release/2025", version: 2, status: "ready" });
      expect(edited.validationRunId).not.toBe(source.validationRunId);
      expect(edited.readiness.level).toBe("read_code");
      expect(edited.readiness.capabilities.find((entry) => entry.capability === "create_work_items")!.missing.map((item) => item.label)).toEqual(["Edit work items in Payments\\Ledger"]);

      const narrowed = await patchRoute(json("PATCH", { version: 2, capabilities: ["read_code"], areaPath: null }, url), params({ id: source.id }));
      expect(narrowed.status).toBe(200);
      expect(((await narrowed.json()) as SourceDto).readiness).toMatchObject({ level: "everything", summary: "Ready for reading code, all it was added for" });

      const before = await counts();
      const noArea = await patchRoute(json("PATCH", { version: 3, capabilities: ["read_code", "comment"] }, url), params({ id: source.id }));
      expect(noArea.status).toBe(422);
      expect(((await noArea.json()) as ErrorBody).error.fields?.[0]?.field).toBe("areaPath");
      expect(await counts()).toEqual(before);

      const audit = await t.current.db.auditEvent.findMany({ where: { action: "source.updated", targetId: source.id }, orderBy: { at: "asc" } });
      expect(audit).toHaveLength(2);
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ fields: ["branch", "areaPath"], areaPath: "Payments\\Ledger", runId: edited.validationRunId, status: "ready" });
      expect(audit[0]!.actorName).toBeTruthy();
    });

    it("refuses a reader's edit and removal with 403 and changes nothing", async () => {
      const { source } = (await (await create({ project: "Payments", repository: "payments-api" })).json()) as CreateSourceResultDto;
      const readerCookie = t.cookies.reader;
      const url = `${base}/${source.id}`;
      const before = await counts();
      const edit = await patchRoute(json("PATCH", { version: 1, displayName: "Mine now" }, url, { cookie: readerCookie }), params({ id: source.id }));
      expect(edit.status).toBe(403);
      const removal = await deleteRoute(new Request(`${url}?version=1`, { method: "DELETE", headers: { cookie: readerCookie } }), params({ id: source.id }));
      expect(removal.status).toBe(403);
      expect(await counts()).toEqual(before);
      expect(await t.current.db.knowledgeSource.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ displayName: "Payments API", version: 1 });
    });

    const badCreates: [string, Record<string, unknown>, string][] = [
      ["a wrong type", { project: 42, repository: "payments-api" }, "project"],
      ["a list for a name", { project: "Payments", repository: ["payments-api"] }, "repository"],
      ["an unknown field", { project: "Payments", repository: "payments-api", organization: "litware" }, "organization"],
      ["a missing repository", { project: "Payments" }, "repository"],
      ["an oversized display name", { project: "Payments", repository: "payments-api", displayName: "x".repeat(101) }, "displayName"],
      ["an oversized description", { project: "Payments", repository: "payments-api", description: "x".repeat(501) }, "description"],
      ["an oversized repository", { project: "Payments", repository: "r".repeat(65) }, "repository"],
      ["a path in the project", { project: "../x", repository: "payments-api" }, "project"],
      ["markup in the repository", { project: "Payments", repository: "<script>alert(1)</script>" }, "repository"],
      ["a branch with a space", { project: "Payments", repository: "payments-api", branch: "a b" }, "branch"],
      ["a branch climbing out", { project: "Payments", repository: "payments-api", branch: "../../etc" }, "branch"],
      ["a hostile connector id", { project: "Payments", repository: "payments-api", connectorId: "../x" }, "connectorId"],
      ["an unknown connector", { project: "Payments", repository: "payments-api", connectorId: "c0nnect0r" }, "connectorId"],
      ["a non-boolean draft flag", { project: "Payments", repository: "payments-api", allowDraft: "yes" }, "allowDraft"],
      ["commenting without an area path", { project: "Payments", repository: "payments-api", capabilities: ["read_code", "comment"] }, "areaPath"],
      ["capabilities without read_code", { project: "Payments", repository: "payments-api", capabilities: ["create_work_items"], areaPath: "Payments" }, "capabilities"],
    ];
    for (const [name, body, field] of badCreates) {
      it(`answers 422 naming '${field}' for ${name}, and stores nothing`, async () => {
        const before = await counts();
        const response = await create(body);
        expect(response.status).toBe(422);
        const error = (await response.json()) as ErrorBody;
        expect(error.error.fields?.map((item) => item.field).join(",")).toContain(field);
        expect(error.error.message).toContain(field);
        expect(await counts()).toEqual(before);
      });
    }

    it("answers 422 naming the field for a Kusto connector, a bad update and a bad list query", async () => {
      const kusto = await kustoConnector(t.current.db, sandbox, "Telemetry");
      const before = await counts();
      const kustoAnswer = await create({ project: "Payments", repository: "payments-api", connectorId: kusto });
      expect(kustoAnswer.status).toBe(422);
      expect(((await kustoAnswer.json()) as ErrorBody).error.fields?.[0]).toEqual({ field: "connectorId", message: "is not an Azure DevOps connector" });
      expect(await counts()).toEqual(before);

      const { source } = (await (await create({ project: "Payments", repository: "payments-api" })).json()) as CreateSourceResultDto;
      const bad = await patchRoute(json("PATCH", { version: "1", displayName: "", repository: "x" }, `${base}/${source.id}`), params({ id: source.id }));
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as ErrorBody).error.fields?.map((item) => item.field)).toEqual(expect.arrayContaining(["repository"]));
      expect(((await (await getRoute(get(`${base}/${source.id}`), params({ id: source.id }))).json()) as SourceDto).version).toBe(1);

      const list = await listRoute(get(`${base}?status=sideways&organization=${encodeURIComponent("../x")}&x=1`));
      expect(list.status).toBe(422);
      expect(((await list.json()) as ErrorBody).error.fields?.map((item) => item.field)).toEqual(expect.arrayContaining(["status", "organization", "x"]));
    });

    it("shares the organization's validation limit: 429 with Retry-After and nothing stored", async () => {
      for (let index = 0; index < 5; index++) {
        expect((await create({ project: "Payments", repository: `missing-${index}`, allowDraft: true })).status).toBe(201);
      }
      const before = await counts();
      const limited = await create({ project: "Payments", repository: "payments-api" });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await counts()).toEqual(before);
    });

    it("refuses a reader's write with 403 and stores nothing", async () => {
      const readerCookie = t.cookies.reader;
      const before = await counts();
      const response = await createRoute(json("POST", { connectorId, project: "Payments", repository: "payments-api", displayName: "x" }, base, { cookie: readerCookie }));
      expect(response.status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    describe("live lists for the wizard", () => {
      const listOf = async <T>(response: Response) => {
        expect(response.status).toBe(200);
        return (await response.json()) as CatalogListDto<T>;
      };

      it("lists Litware's projects, repositories and area paths through the connector", async () => {
        const projects = await listOf<AdoProjectDto>(await projectsRoute(get("http://localhost/x"), params({ id: connectorId })));
        expect(projects).toEqual({ items: [{ id: ADO_IDS.litware.payments, name: "Payments" }], more: false, hint: null, problem: null });
        const repositories = await listOf<AdoRepositoryDto>(await repositoriesRoute(get("http://localhost/x"), params({ id: connectorId, project: "Payments" })));
        expect(repositories.items.map((item) => `${item.name}@${item.defaultBranch}`)).toEqual(["payments-api@main", "payments-web@main"]);
        const areas = await listOf<AdoAreaDto>(await areasRoute(get("http://localhost/x"), params({ id: connectorId, project: "Payments" })));
        expect(areas.items.map((item) => item.path)).toEqual(["Payments", "Payments\\Checkout", "Payments\\Ledger"]);
      });

      it("explains an empty project list with project-level access", async () => {
        const world = cloneWorld(sandbox);
        const payments = world.ado.organizations.find((org) => org.name === "litware")!.projects.find((project) => project.name === "Payments")!;
        payments.groups.readers = payments.groups.readers.filter((member) => member !== CONNECTOR_APP.spLitware);
        sandbox.loadWorld(world);
        const projects = await listOf<AdoProjectDto>(await projectsRoute(get("http://localhost/x"), params({ id: connectorId })));
        expect(projects.items).toEqual([]);
        expect(projects.hint).toContain("member of no project");
        expect(projects.hint).toContain("Project settings → Permissions → Readers");
      });

      it("answers a project the identity cannot see, by name, as a problem value with TF200016", async () => {
        const repositories = await listOf<AdoRepositoryDto>(await repositoriesRoute(get("http://localhost/x"), params({ id: connectorId, project: "Treasury" })));
        expect(repositories.items).toEqual([]);
        expect(repositories.problem).toMatchObject({ code: "TF200016" });
        expect(repositories.problem!.fix).toContain("Readers group");
      });

      it.each(["../x", "a/b", "<script>", "p".repeat(65), "_hidden"])("answers 422 naming 'project' for %j", async (project) => {
        const response = await repositoriesRoute(get("http://localhost/x"), params({ id: connectorId, project }));
        expect(response.status).toBe(422);
        expect(((await response.json()) as ErrorBody).error.fields?.[0]?.field).toBe("project");
      });

      it("answers 422 for a Kusto connector and 404 for an unknown one", async () => {
        const kusto = await kustoConnector(t.current.db, sandbox, "Telemetry");
        expect((await projectsRoute(get("http://localhost/x"), params({ id: kusto }))).status).toBe(422);
        expect((await areasRoute(get("http://localhost/x"), params({ id: "nope", project: "Payments" }))).status).toBe(404);
      });
    });
  });
}
