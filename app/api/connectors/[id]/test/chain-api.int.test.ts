// POST /api/connectors/[id]/test and GET /api/connectors/[id]/runs, called as Next.js calls
// route handlers, against the sandbox cloud and real databases.
import { describe, expect, it } from "vitest";
import { admin } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { CHAIN_TESTS_PER_MINUTE, resetChainTestRateLimit } from "@/lib/server/pipeline/chain-test-rate-limit";
import { adoConnector, JWT_PATTERN, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import type { HopStreamEvent } from "@/lib/schemas/hop-stream";
import { POST as testRoute } from "./route";
import { GET as runsRoute } from "../runs/route";
import { POST as checkNowRoute } from "../../../health/connectors/[id]/check/route";

const sandbox = sandboxForFile(usePortalEnvironment);

const base = "http://localhost/api/connectors";
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (id: string, cookie: string, headers: Record<string, string> = {}) => testRoute(new Request(`${base}/${id}/test`, { method: "POST", headers: { cookie, ...headers } }), params(id));
const STREAM = { accept: "application/x-ndjson" };

/** Each NDJSON line of the answer with the milliseconds since the request was sent. */
async function readLines(response: Response, sentAt: number): Promise<{ event: HopStreamEvent<{ run: ValidationRunDto }>; atMs: number }[]> {
  const lines: { event: HopStreamEvent<{ run: ValidationRunDto }>; atMs: number }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    for (const line of complete) if (line) lines.push({ event: JSON.parse(line) as HopStreamEvent<{ run: ValidationRunDto }>, atMs: Date.now() - sentAt });
  }
  expect(buffered).toBe("");
  return lines;
}
const runs = (id: string, cookie: string, query = "") => runsRoute(new Request(`${base}/${id}/runs${query}`, { headers: { cookie } }), params(id));

for (const provider of testProviders) {
  describe(`chain test API on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens, resetChainTestRateLimit], tables: ["auditEvent", "connector", "organization"] });

    it("runs the test for an admin and lists the runs, newest first, to a reader", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const response = await post(id, t.cookies.admin);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const run = (await response.json()) as ValidationRunDto;
      expect(run).toMatchObject({ connectorId: id, trigger: "manual", outcome: "pass" });
      expect(run.checks.map((check) => check.key)).toEqual(["mi-token", "exchange", "ado-call"]);
      await post(id, t.cookies.admin);

      const list = await runs(id, t.cookies.reader, "?take=1");
      expect(list.status).toBe(200);
      const { items } = (await list.json()) as { items: ValidationRunDto[] };
      expect(items).toHaveLength(1);
      expect(items[0]!.id).not.toBe(run.id);
      expect(items[0]!.checks).toHaveLength(3);
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "connector.tested" } });
      expect(audit.map((event) => event.actorId)).toEqual(["admin-oid", "admin-oid"]);
    });

    it("refuses a reader, a signed-out caller and another origin, and answers 404 for an unknown connector", async () => {
      const id = await adoConnector(t.current.db, "litware");
      expect((await post(id, t.cookies.reader)).status).toBe(403);
      expect((await post(id, "")).status).toBe(401);
      expect((await post(id, t.cookies.admin, { origin: "https://evil.example" })).status).toBe(403);
      expect((await post("nope", t.cookies.admin)).status).toBe(404);
      expect((await runs("nope", t.cookies.reader)).status).toBe(404);
      expect((await runs(id, "")).status).toBe(401);
      expect(await t.current.db.validationRun.count()).toBe(0);
    });

    it("names the field of a bad take", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const response = await runs(id, t.cookies.reader, "?take=500");
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe("take");
      expect((await runs(id, t.cookies.reader, "?order=asc")).status).toBe(422);
    });

    it(`answers 429 with Retry-After after ${CHAIN_TESTS_PER_MINUTE} tests of one connector in a minute`, async () => {
      const id = await adoConnector(t.current.db, "litware");
      const other = await adoConnector(t.current.db, "fabrikam");
      for (let i = 0; i < CHAIN_TESTS_PER_MINUTE; i++) expect((await post(id, t.cookies.admin)).status).toBe(200);
      const limited = await post(id, t.cookies.admin);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      expect((await post(other, t.cookies.admin)).status).toBe(200);
      expect(await t.current.db.validationRun.count({ where: { connectorId: id } })).toBe(CHAIN_TESTS_PER_MINUTE);
    });

    it("streams each hop as it finishes, in chain order, then the stored run, when asked for NDJSON", async () => {
      const id = await adoConnector(t.current.db, "litware");
      // The last hop (the ADO call) is slowed, so its line must arrive well after the first two.
      await admin(sandbox, "POST", "/faults", { path: "/ado/", latencyMs: 800 });
      const sentAt = Date.now();
      const response = await post(id, t.cookies.admin, STREAM);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
      expect(response.headers.get("x-request-id")).toBeTruthy();
      const lines = await readLines(response, sentAt);
      await admin(sandbox, "DELETE", "/faults");

      expect(lines.map(({ event }) => (event.type === "hop" ? `hop:${event.position}:${event.key}:${event.status}` : event.type))).toEqual([
        "hop:0:mi-token:pass",
        "hop:1:exchange:pass",
        "hop:2:ado-call:pass",
        "result",
      ]);
      const [first, , last, result] = lines;
      expect(last!.atMs - first!.atMs).toBeGreaterThanOrEqual(700);
      if (last!.event.type !== "hop" || result!.event.type !== "result") throw new Error("unexpected line types");
      expect(last!.event.durationMs).toBeGreaterThanOrEqual(800);
      // The result is the run as stored: the same checks the hop lines announced.
      const { run } = result!.event;
      expect(run).toMatchObject({ connectorId: id, trigger: "manual", outcome: "pass" });
      expect(run.checks.map(({ key, status, durationMs }) => ({ key, status, durationMs }))).toEqual(
        lines.slice(0, 3).map(({ event }) => (event.type === "hop" ? { key: event.key, status: event.status, durationMs: event.durationMs } : null)),
      );
      expect(await t.current.db.auditEvent.count({ where: { action: "connector.tested" } })).toBe(1);

      // A client that does not ask still gets the run as one JSON answer.
      const plain = await post(id, t.cookies.admin);
      expect(plain.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await plain.json()) as ValidationRunDto).checks).toHaveLength(3);
    });

    it("streams a failing hop and the skipped ones after it; errors before the first hop stay JSON with their status", async () => {
      // The connector's app has no service principal in Fabrikam: the exchange fails (AADSTS700016).
      const id = await adoConnector(t.current.db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      const lines = await readLines(await post(id, t.cookies.admin, STREAM), Date.now());
      expect(lines.map(({ event }) => (event.type === "hop" ? `${event.key}:${event.status}` : event.type))).toEqual(["mi-token:pass", "exchange:fail", "ado-call:skipped", "result"]);
      const exchange = lines[1]!.event;
      expect(exchange.type === "hop" && exchange.code).toBe("AADSTS700016");

      const missing = await post("nope", t.cookies.admin, STREAM);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
      expect((await post(id, t.cookies.reader, STREAM)).status).toBe(403);
    });

    it("ends the stream with an error line when the run fails after its first hop (the connector was deleted meanwhile)", async () => {
      const id = await adoConnector(t.current.db, "litware");
      await admin(sandbox, "POST", "/faults", { path: "^/[^/]+/oauth2/v2\\.0/token$", latencyMs: 600 });
      const response = await post(id, t.cookies.admin, STREAM);
      expect(response.status).toBe(200);
      // The first line is there once the route has answered; delete the connector before the rest.
      await t.current.db.connector.delete({ where: { id } });
      const lines = await readLines(response, Date.now());
      await admin(sandbox, "DELETE", "/faults");
      expect(lines[0]!.event).toMatchObject({ type: "hop", key: "mi-token", status: "pass" });
      const last = lines.at(-1)!.event;
      // The translator's body, as a JSON error would carry it: the connector is not found (a 404
      // as JSON), never a generic failure or a stack.
      expect(last).toMatchObject({ type: "error", error: { code: "not_found", message: "The connector was not found.", requestId: expect.any(String) } });
      expect(JSON.stringify(last)).not.toContain("    at ");
      // The stream runs after the handler returned, still inside the request's id context.
      expect(last.type === "error" && last.error.requestId).toBe(response.headers.get("x-request-id"));
      expect(lines.some(({ event }) => event.type === "result")).toBe(false);
    });

    it("streams Check now on the health page the same way, ending with the run and the alert", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const response = await checkNowRoute(new Request(`http://localhost/api/health/connectors/${id}/check`, { method: "POST", headers: { cookie: t.cookies.admin, ...STREAM } }), params(id));
      expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
      const lines = await readLines(response, Date.now());
      expect(lines.map(({ event }) => (event.type === "hop" ? event.key : event.type))).toEqual(["mi-token", "exchange", "ado-call", "result"]);
      const result = lines[3]!.event as { type: "result"; run: ValidationRunDto; alertId: string | null };
      expect(result.run.outcome).toBe("pass");
      expect(result).toHaveProperty("alertId");
    });

    it("never answers the PAT or a token", async () => {
      const id = await adoConnector(t.current.db, "litware", { authMethod: "pat" });
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeAndWork });
      const text = await (await post(id, t.cookies.admin)).text();
      const streamed = await (await post(id, t.cookies.admin, STREAM)).text();
      const listed = await (await runs(id, t.cookies.reader)).text();
      for (const body of [text, streamed, listed]) {
        expect(body).toContain("pat-configured");
        expect(body).not.toContain(ADO_PATS.devCodeAndWork);
        expect(body).not.toMatch(JWT_PATTERN);
      }
    });
  });
}
