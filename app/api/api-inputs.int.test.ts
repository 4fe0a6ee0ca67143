// Hostile and near-valid input on every route of the HTTP API, on a real database with the
// sandbox cloud running. Each case calls the route's exported handler as Next.js would, as an
// admin, a reader, signed out or with a broken cookie. The property: no answer is a 5xx; a body
// or query the route's own zod contract refuses gives 422 naming those fields; a refused write
// stores nothing. The first blocks pin the inputs that used to give a 500.
// Knobs: TB_FUZZ_SEED replays a run (the seed is printed), TB_FUZZ_RUNS / TB_FUZZ_RUNS_POSTGRES
// change the case counts, TB_FUZZ_TRACE=<file> writes one line per case, TB_FUZZ_PROFILE=1 prints
// where the time went, TB_FUZZ_SHOW=<n> shows more of a failing body.
import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { can } from "@/lib/server/auth/permissions";
import { adoConnector, kustoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { setDbForTests, type Db } from "@/lib/server/db/client";
import { fieldIssuesFromZod } from "@/lib/server/http/translate-error";
import { MAX_BODY_BYTES } from "@/lib/server/http/api-route";
import { projectParamsSchema } from "@/lib/schemas/source";
import { text } from "@/lib/schemas/text";
import { apiInputCase, type ApiInputCase, type Caller } from "@/lib/testing/api-input-cases";
import { loadApiRoutes, type ApiRoute } from "@/lib/testing/api-routes";
import { sessionCookie } from "@/lib/testing/sessions";
import { testProviders, useTestDb, type TestProvider } from "@/lib/testing/test-db";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";

const ORIGIN = "http://localhost:3000";
const RUNS = Number(process.env.TB_FUZZ_RUNS ?? 2000);
// PostgreSQL gets a shorter run by default: the same handlers, a second SQL dialect.
const RUNS_BY_PROVIDER: Record<TestProvider, number> = { sqlite: RUNS, postgresql: Number(process.env.TB_FUZZ_RUNS_POSTGRES ?? 400) };
const UNWRAPPED = new Set(["get /api/health", "get /api/oauth/callback", "get /api/openapi"]);

let sandbox: RunningSandbox;
let routes: ApiRoute[];
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  process.env.TB_LOG_LEVEL = "error";
  routes = await loadApiRoutes();
});
afterAll(async () => {
  await sandbox?.stop();
});

type Counts = Record<string, number>;
// One statement, so the check after every refused write stays cheap (the tables are Prisma's
// model names on both providers).
const tables = ["Organization", "Connector", "KnowledgeSource", "ValidationRun", "AlertEvent", "ConnectorAlertState"];
// A refused sign-in is itself audited (operator.sign_in_failed): that row is the refusal being
// recorded, not a write slipping through, so it is left out of the audit count.
const countsSql = `SELECT ${[
  ...tables.map((table) => `(SELECT COUNT(*) FROM "${table}") AS "${table}"`),
  `(SELECT COUNT(*) FROM "AuditEvent" WHERE "action" <> 'operator.sign_in_failed') AS "AuditEvent"`,
  `(SELECT COALESCE(SUM("version"), 0) FROM "Connector") AS "connectorVersions"`,
  `(SELECT COALESCE(SUM("version"), 0) FROM "KnowledgeSource") AS "sourceVersions"`,
].join(", ")}`;
async function counts(db: Db): Promise<Counts> {
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(countsSql);
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}

/** Connectors of each kind and a source, recreated when a fuzzed DELETE removed them. */
async function ensureWorld(db: Db): Promise<void> {
  if ((await db.connector.count()) >= 3 && (await db.knowledgeSource.count()) >= 1) return;
  const has = async (organization: string) => (await db.connector.count({ where: { organization: { name: organization } } })) > 0;
  if (!(await has("litware"))) await adoConnector(db, "litware");
  if (!(await has("fabrikam"))) await adoConnector(db, "fabrikam", { ...miFic(CONNECTOR_APP.appId, TENANT.fabrikam), authMethod: "pat" });
  if ((await db.connector.count({ where: { kind: "kusto" } })) === 0) await kustoConnector(db, sandbox, "Logs");
  const litware = await db.connector.findFirstOrThrow({ where: { organization: { name: "litware" } }, select: { id: true, organizationId: true } });
  if ((await db.knowledgeSource.count()) === 0) {
    await db.knowledgeSource.create({
      data: { connectorId: litware.id, organizationId: litware.organizationId!, project: "Payments", repository: "payments-api", displayName: "Payments API", createdBy: "admin-oid" },
    });
  }
}

const fieldsOf = (body: unknown) => ((body as { error?: { fields?: { field: string }[] } })?.error?.fields ?? []).map((field) => field.field);

for (const provider of testProviders) {
  describe(`API inputs on ${provider}`, () => {
    const t = useTestDb(provider);
    const cookies: Record<Caller, string> = {
      admin: "",
      reader: "",
      "signed-out": "",
      "malformed-cookie": "tb_session=%",
      "garbage-cookie": "tb_session=%E0%A4%A; tb_session=not-a-session",
      "admin-with-junk-cookie": "",
    };
    const signIn = async () => {
      cookies.admin = await sessionCookie(t.current.db, "admin");
      cookies.reader = await sessionCookie(t.current.db, "reader");
      cookies["admin-with-junk-cookie"] = `x=%; __proto__=1; ${cookies.admin}`;
    };
    beforeAll(async () => {
      setDbForTests(t.current.db);
      await ensureWorld(t.current.db);
      await signIn();
    });

    const send = async (
      route: ApiRoute,
      init: { caller: Caller; extraCookie?: string | null; path: string; query?: string; body?: string | Uint8Array; contentType?: string | null; origin?: string; params?: Record<string, string> },
    ) => {
      const headers = new Headers({ cookie: [cookies[init.caller], init.extraCookie].filter(Boolean).join("; ") });
      if (init.contentType) headers.set("content-type", init.contentType);
      if (init.origin) headers.set("origin", init.origin);
      const request = new Request(`${ORIGIN}${init.path}${init.query ? `?${init.query}` : ""}`, { method: route.method.toUpperCase(), headers, body: (init.body as BodyInit | undefined) ?? null });
      return route.handler(request, { params: Promise.resolve(init.params ?? {}) });
    };
    const route = (method: string, path: string) => routes.find((candidate) => candidate.method === method && candidate.path === path)!;

    it("a NUL in a path segment, a query or a body field is a 422 naming it (PostgreSQL text cannot hold NUL)", async () => {
      const { db } = t.current;
      const connector = await db.connector.findFirstOrThrow({ where: { organization: { name: "litware" } } });
      const before = await counts(db);
      const segment = await send(route("delete", "/api/connectors/{id}/oauth"), {
        caller: "admin",
        path: "/api/connectors/%00%00/oauth",
        query: "version=1",
        params: { id: "\u0000\u0000" },
        origin: ORIGIN,
      });
      expect(segment.status).toBe(422);
      expect(fieldsOf(await segment.json())).toEqual(["id"]);
      const query = await send(route("get", "/api/connectors"), { caller: "reader", path: "/api/connectors", query: "search=lit%00ware" });
      expect(query.status).toBe(422);
      expect(fieldsOf(await query.json())).toEqual(["search"]);
      const body = await send(route("patch", "/api/connectors/{id}"), {
        caller: "admin",
        path: `/api/connectors/${connector.id}`,
        params: { id: connector.id },
        contentType: "application/json",
        origin: ORIGIN,
        body: JSON.stringify({ version: connector.version, displayName: "Lit\u0000ware" }),
      });
      expect(body.status).toBe(422);
      expect(fieldsOf(await body.json())).toEqual(["displayName"]);
      expect(await counts(db)).toEqual(before);
    });

    if (provider === "sqlite") {
      describe("inputs that gave a 500", () => {
        it("a cookie with a malformed percent escape is signed out (401) on every route that needs a session", async () => {
          const { db } = t.current;
          const id = (await db.connector.findFirstOrThrow()).id;
          const guarded = routes.filter((candidate) => candidate.operation.permission);
          expect(guarded.length).toBeGreaterThan(25);
          for (const candidate of guarded) {
            const params = Object.fromEntries(candidate.params.map((name) => [name, name === "project" ? "Payments" : id]));
            const response = await send(candidate, {
              caller: "malformed-cookie",
              path: candidate.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!),
              params,
              contentType: "application/json",
              body: candidate.method === "get" ? undefined : "{}",
            });
            expect(`${candidate.method} ${candidate.path} ${response.status}`).toBe(`${candidate.method} ${candidate.path} 401`);
          }
        });

        it("a lone surrogate in a name, description, project, repository or organization is a 422 naming the field, nothing stored", async () => {
          const { db } = t.current;
          const connector = await db.connector.findFirstOrThrow({ where: { organization: { name: "litware" } } });
          const source = await db.knowledgeSource.findFirstOrThrow();
          const lone = "\ud800";
          const inputs = {
            agentTenantId: TENANT.contoso,
            miClientId: AGENT_IDENTITY.clientId,
            miPrincipalId: AGENT_IDENTITY.principalId,
            appClientId: CONNECTOR_APP.appId,
            targetTenantId: TENANT.litware,
            ficName: "tenantbridge-litware",
          };
          const cases: [string, string, Record<string, string>, unknown, string][] = [
            ["post", "/api/connectors", {}, { kind: "ado", organization: "contoso", authMethod: "pat", displayName: `Contoso ${lone}` }, "displayName"],
            ["patch", "/api/connectors/{id}", { id: connector.id }, { version: connector.version, displayName: lone }, "displayName"],
            ["post", "/api/sources", {}, { connectorId: connector.id, project: "Payments", repository: "payments-web", displayName: `Web ${lone}`, allowDraft: true }, "displayName"],
            ["patch", "/api/sources/{id}", { id: source.id }, { version: source.version, description: `about ${lone}` }, "description"],
            ["post", "/api/connectors/{id}/permissions", { id: connector.id }, { project: `Payments${lone}`, repositories: ["payments-api"] }, "project"],
            ["post", "/api/connectors/{id}/permissions", { id: connector.id }, { project: "Payments", repositories: [`payments-api${lone}`] }, "repositories.0"],
            ["post", "/api/fic/generate", {}, { inputs, target: { kind: "ado", organization: `litware${lone}` } }, "target.organization"],
          ];
          for (const [method, path, params, body, field] of cases) {
            const before = await counts(db);
            const response = await send(route(method, path), { caller: "admin", path: path.replace("{id}", params.id ?? ""), params, contentType: "application/json", body: JSON.stringify(body) });
            expect(`${method} ${path} ${response.status}`).toBe(`${method} ${path} 422`);
            expect(fieldsOf(await response.json())).toContain(field);
            expect(await counts(db)).toEqual(before);
          }
        });

        it("a Graph token with characters outside Latin-1 is a 422 naming graphAccessToken, and Graph is not called", async () => {
          const { db } = t.current;
          const connector = await db.connector.findFirstOrThrow({ where: { organization: { name: "litware" } } });
          const inputs = {
            agentTenantId: TENANT.contoso,
            miClientId: AGENT_IDENTITY.clientId,
            miPrincipalId: AGENT_IDENTITY.principalId,
            appClientId: CONNECTOR_APP.appId,
            targetTenantId: TENANT.litware,
            ficName: "tenantbridge-litware",
          };
          const before = await counts(db);
          const response = await send(route("post", "/api/connectors/{id}/fic/graph"), {
            caller: "admin",
            path: `/api/connectors/${connector.id}/fic/graph`,
            params: { id: connector.id },
            contentType: "application/json",
            body: JSON.stringify({ version: connector.version, inputs, graphAccessToken: `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.€€€€€€€€.${"ü".repeat(20)}` }),
          });
          expect(response.status).toBe(422);
          expect(fieldsOf(await response.json())).toEqual(["graphAccessToken"]);
          expect(await counts(db)).toEqual(before);
        });
      });
    }

    it(`survives ${RUNS_BY_PROVIDER[provider]} generated requests with no 5xx, naming refused fields, storing nothing on refusal`, async () => {
      const { db } = t.current;
      const seed = Number(process.env.TB_FUZZ_SEED ?? Date.now() % 2 ** 31);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      const timeByRoute = new Map<string, number>();
      let cases = 0;
      let serverErrors = 0;
      let upstreamUnreachable = 0;
      const started = Date.now();

      const run = async (input: ApiInputCase) => {
        const route = routes[input.route]!;
        let connectors = await db.connector.findMany({ select: { id: true, version: true }, orderBy: { createdAt: "asc" } });
        let sources = await db.knowledgeSource.findMany({ select: { id: true, version: true } });
        if (connectors.length < 3 || sources.length === 0) {
          await ensureWorld(db);
          connectors = await db.connector.findMany({ select: { id: true, version: true }, orderBy: { createdAt: "asc" } });
          sources = await db.knowledgeSource.findMany({ select: { id: true, version: true } });
        }
        const pool = route.path.startsWith("/api/sources/") ? sources : connectors;
        const target = pool[cases % pool.length];
        const params = Object.fromEntries(
          route.params.map((name, index) => {
            const segment = input.segments[index]!;
            if (segment.kind === "literal") return [name, segment.value];
            return [name, name === "project" ? "Payments" : (target?.id ?? "missing")];
          }),
        );
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
        let bodyText = input.body?.text;
        if (input.aimVersion && typeof bodyText === "string" && target) {
          try {
            const parsed = JSON.parse(bodyText) as unknown;
            if (parsed && typeof parsed === "object" && "version" in parsed && input.body?.mutatedPath?.[0] !== "version") bodyText = JSON.stringify({ ...parsed, version: target.version });
          } catch {
            // Not JSON: sent as generated.
          }
        }
        const query = new URLSearchParams(input.query);
        if (input.aimVersion && target && query.has("version")) query.set("version", String(target.version));

        const before = route.method === "get" ? undefined : await counts(db);
        const sentAt = Date.now();
        const response = await send(route, {
          caller: input.caller,
          extraCookie: input.extraCookie,
          path,
          query: query.toString(),
          body: bodyText,
          contentType: input.body?.contentType,
          origin: input.foreignOrigin ? "https://evil.example" : route.method === "get" ? undefined : ORIGIN,
          params,
        });
        const responseText = await response.text();
        const key = `${route.method} ${route.path}`;
        timeByRoute.set(key, (timeByRoute.get(key) ?? 0) + Date.now() - sentAt);
        cases++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const describeCase = () =>
          `${route.method.toUpperCase()} ${path.slice(0, 200)}?${query.toString().slice(0, 200)} as ${input.caller}${input.extraCookie ? ` +cookie ${input.extraCookie.slice(0, 80)}` : ""} body=${typeof bodyText === "string" ? bodyText.slice(0, Number(process.env.TB_FUZZ_SHOW ?? 300)) : "bytes"} → ${response.status} ${responseText.slice(0, 300)}`;
        const problem = (what: string) => failures.push(`${what}: ${describeCase()}`);
        if (process.env.TB_FUZZ_TRACE) appendFileSync(process.env.TB_FUZZ_TRACE, `${Date.now() - started} ${describeCase().slice(0, 400)}\n`);
        if (response.status >= 500) {
          serverErrors++;
          // The outbound layer's answer for a call that got no answer ("could not be reached",
          // "did not answer within N s", "is not answering", "its answer stopped arriving") is the honest answer to a connection
          // the sandbox reset or a sandbox starved of CPU (seen under heavy machine load, on a
          // non-retried Graph POST and on the sandbox grant): a transport outcome, not input
          // handling. Counted and printed, not failed.
          if (response.status === 502 && /"code":"upstream_failed".*(could not be reached|did not answer within|is not answering|its answer stopped arriving)/.test(responseText))
            upstreamUnreachable++;
          else problem("5xx");
          return true;
        }
        let answer: unknown;
        try {
          answer = JSON.parse(responseText);
        } catch {
          answer = undefined;
        }
        if (route.path === "/api/auth/sign-out" && response.status < 300) await signIn();

        // What the wrapper must answer before the handler runs, in its order.
        const wrapped = !UNWRAPPED.has(`${route.method} ${route.path}`);
        const permission = route.operation.permission;
        const role = input.caller === "admin" || input.caller === "admin-with-junk-cookie" ? "admin" : input.caller === "reader" ? "reader" : null;
        const writesCrossOrigin = input.foreignOrigin && route.method !== "get";
        if (wrapped && writesCrossOrigin && response.status !== 403) problem("cross-origin write not refused with 403");
        // The token API authenticates by bearer token only: these callers (a cookie or none) have none.
        const bearerOnly = route.operation.security === "agent";
        if (wrapped && bearerOnly && !writesCrossOrigin && response.status !== 401) problem("caller without a bearer token not refused with 401");
        const allowed = wrapped && !bearerOnly && !writesCrossOrigin && (!permission || can(role ? { role } : null, permission));
        if (wrapped && !writesCrossOrigin && permission && !role && response.status !== 401) problem("signed-out caller not refused with 401");
        if (wrapped && !writesCrossOrigin && permission && role && !can({ role }, permission) && response.status !== 403) problem("caller without the permission not refused with 403");

        // The wrapper refuses a path segment the database cannot hold before it reads the body.
        const badSegments = allowed ? route.params.filter((name) => !text().safeParse(params[name]).success) : [];
        if (badSegments.length > 0) {
          if (response.status !== 422 || !badSegments.every((name) => fieldsOf(answer).includes(name))) problem(`expected 422 naming ${badSegments.join(", ")}`);
        } else if (allowed && route.operation.body && typeof bodyText === "string") {
          const isJson = (input.body?.contentType ?? "").toLowerCase().startsWith("application/json");
          let expected: { status: number; fields: string[] } | undefined;
          if (!isJson) expected = { status: 422, fields: ["body"] };
          else if (Buffer.byteLength(bodyText) > MAX_BODY_BYTES) expected = { status: 413, fields: [] };
          else {
            let parsed: unknown;
            try {
              // Request.text() drops a UTF-8 byte order mark, as TextDecoder does.
              parsed = JSON.parse(bodyText.replace(/^\ufeff/, ""));
              const result = route.operation.body.safeParse(parsed);
              if (!result.success) expected = { status: 422, fields: fieldIssuesFromZod(result.error).map((issue) => issue.field) };
            } catch {
              expected = { status: 422, fields: ["body"] };
            }
          }
          if (expected && response.status !== expected.status) problem(`expected ${expected.status} for a refused body`);
          else if (expected && !expected.fields.every((field) => fieldsOf(answer).includes(field))) problem(`422 does not name ${expected.fields.join(", ")}`);
        }
        if (allowed && badSegments.length === 0 && route.operation.query && (!route.operation.body || route.method === "get")) {
          const result = route.operation.query.safeParse(Object.fromEntries(new URL(`${ORIGIN}/?${query}`).searchParams));
          if (!result.success) {
            const fields = fieldIssuesFromZod(result.error).map((issue) => issue.field);
            if (response.status !== 422) problem("expected 422 for a refused query");
            else if (!fields.every((field) => fieldsOf(answer).includes(field))) problem(`422 does not name ${fields.join(", ")}`);
          }
        }
        if (allowed && badSegments.length === 0 && route.params.includes("project")) {
          const result = projectParamsSchema.safeParse(params);
          if (!result.success && response.status !== 422) problem("expected 422 for a refused path segment");
        }
        if (before && response.status >= 400) {
          const after = await counts(db);
          if (JSON.stringify(after) !== JSON.stringify(before)) problem(`refused write changed rows ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
        }
        return true;
      };

      await fc.assert(fc.asyncProperty(apiInputCase(routes), run), { numRuns: RUNS_BY_PROVIDER[provider], seed, endOnFailure: true });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `[api-inputs ${provider}] seed ${seed}: ${cases} cases on ${routes.length} handlers in ${seconds} s; 5xx: ${serverErrors} (upstream unreachable: ${upstreamUnreachable}); oracle failures: ${failures.length}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      if (process.env.TB_FUZZ_PROFILE)
        console.log(
          [...timeByRoute].reduce((sum, [, ms]) => sum + ms, 0),
          [...timeByRoute].sort((a, b) => b[1] - a[1]).slice(0, 8),
        );
      expect(failures.slice(0, 15)).toEqual([]);
      expect(serverErrors - upstreamUnreachable).toBe(0);
      expect(cases).toBe(RUNS_BY_PROVIDER[provider]);
    }, 300_000);
  });
}
