// GET /api/audit and GET /api/health/connectors on real SQLite and PostgreSQL databases: filters
// by actor, action, target and date, server-side pages, readers allowed, signed-out callers
// refused, a reader's Check now refused, and no secret column in a dashboard row.
import { beforeAll, describe, expect, it } from "vitest";
import { setDbForTests } from "@/lib/server/db/client";
import { sessionCookie } from "@/lib/testing/sessions";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { GET as auditRoute } from "./route";
import { GET as healthRoute } from "../health/connectors/route";
import { POST as checkRoute } from "../health/connectors/[id]/check/route";
import { emptyCheckFields } from "@/lib/server/pipeline/check-results";
import { checksColumn } from "@/lib/server/pipeline/stored-checks";

const get = (url: string, cookie: string) => new Request(url, { headers: { cookie } });

for (const provider of testProviders) {
  describe(`audit and health API on ${provider}`, () => {
    const t = useTestDb(provider);
    let reader = "";
    let connectorId = "";
    beforeAll(async () => {
      const { db } = t.current;
      setDbForTests(db);
      reader = await sessionCookie(db, "reader");
      const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 10, d, hour));
      await db.auditEvent.createMany({
        data: [
          ...Array.from({ length: 60 }, (_, i) => ({
            at: day(20, 0),
            actorId: "system",
            actorName: "TenantBridge health check",
            action: "connector.tested",
            targetType: "connector",
            targetId: "c1",
            summary: `Tested ${i}`,
          })),
          {
            at: day(21),
            actorId: "admin-oid",
            actorName: "Megan Bowen",
            action: "connector.created",
            targetType: "connector",
            targetId: "c2",
            summary: "Created litware",
            details: '{"authMethod":"mi_fic"}',
          },
          { at: day(22), actorId: "admin-oid", actorName: "Megan Bowen", action: "connector.pat_set", targetType: "connector", targetId: "c2", summary: "Set the PAT" },
        ],
      });
      const connector = await db.connector.create({
        data: {
          kind: "ado",
          displayName: "Litware",
          authMethod: "pat",
          status: "failing",
          createdBy: "admin-oid",
          patCiphertext: "tb1.k.secret-ciphertext",
          patLast4: "1a2b",
          patSetAt: new Date(),
          patExpiresAt: day(28),
        },
      });
      connectorId = connector.id;
      const check = {
        ...emptyCheckFields,
        key: "ado-call",
        label: "Call Azure DevOps with the PAT",
        status: "fail",
        durationMs: null,
        code: "TF400813",
        cause: "Expired",
        fix: "Create a new PAT",
      } as const;
      await db.validationRun.create({ data: { connectorId, trigger: "schedule", outcome: "fail", finishedAt: new Date(), checks: checksColumn([check]) } });
    });

    const audit = async (query: string) => {
      const response = await auditRoute(get(`http://localhost/api/audit${query}`, reader));
      expect(response.status).toBe(200);
      return (await response.json()) as { items: { action: string; actorName: string; summary: string; details: Record<string, unknown> }[]; total: number; page: number; pageCount: number };
    };

    it("lists newest first, a page at a time, for a reader", async () => {
      const first = await audit("");
      expect(first).toMatchObject({ total: 62, page: 1, pageCount: 2 });
      expect(first.items).toHaveLength(50);
      expect(first.items[0]).toMatchObject({ action: "connector.pat_set", actorName: "Megan Bowen" });
      expect((await audit("?page=2")).items).toHaveLength(12);
    });

    it("filters by actor, action, target and date", async () => {
      expect((await audit("?actor=megan")).total).toBe(2);
      expect((await audit("?actor=system")).total).toBe(60);
      expect((await audit("?action=connector.created")).items[0]!.details).toEqual({ authMethod: "mi_fic" });
      expect((await audit("?targetId=c2&targetType=connector")).total).toBe(2);
      expect((await audit("?from=2026-11-21&to=2026-11-21")).items.map((item) => item.summary)).toEqual(["Created litware"]);
    });

    it("names the field of a bad query, and refuses a signed-out caller", async () => {
      const bad = await auditRoute(get("http://localhost/api/audit?from=2026-13-40&take=999", reader));
      expect(bad.status).toBe(422);
      const fields = ((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((field) => field.field);
      expect(fields).toEqual(expect.arrayContaining(["from", "take"]));
      expect((await auditRoute(get("http://localhost/api/audit", ""))).status).toBe(401);
      expect((await auditRoute(get("http://localhost/api/audit?unknown=1", reader))).status).toBe(422);
    });

    it("gives a reader the dashboard with the failing check but never a secret, and refuses their Check now", async () => {
      const response = await healthRoute(get("http://localhost/api/health/connectors?status=failing", reader));
      expect(response.status).toBe(200);
      const text = await response.text();
      const page = JSON.parse(text) as { rows: { id: string; checks: { code: string }[]; credential: unknown }[]; counts: Record<string, number> };
      expect(page.rows.map((row) => row.id)).toEqual([connectorId]);
      expect(page.rows[0]!.checks[0]!.code).toBe("TF400813");
      expect(page.rows[0]!.credential).toMatchObject({ kind: "pat", last4: "1a2b", configured: true });
      expect(page.counts.failing).toBe(1);
      expect(text).not.toContain("secret-ciphertext");
      const check = await checkRoute(new Request(`http://localhost/api/health/connectors/${connectorId}/check`, { method: "POST", headers: { cookie: reader } }), {
        params: Promise.resolve({ id: connectorId }),
      });
      expect(check.status).toBe(403);
    });
  });
}
