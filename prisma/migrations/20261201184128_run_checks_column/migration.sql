-- Data: each run's check rows, as the JSON array the checks column holds (see the update at the end).
CREATE TEMP TABLE "RunChecks" AS
SELECT "runId", json_group_array(json("check") ORDER BY "position") AS "checks"
FROM (
    SELECT "runId", "position", json_object(
        'key', "key", 'label', "label", 'status', "status", 'durationMs', "durationMs",
        'code', "code", 'title', "title", 'cause', "cause", 'fix', "fix",
        'expected', "expected", 'configured', "configured", 'detail', "detail",
        'link', CASE WHEN "linkHref" IS NOT NULL THEN json_object('label', COALESCE("linkLabel", "linkHref"), 'href', "linkHref") END,
        'raw', "raw", 'traceId', "traceId", 'retryAfterMs', "retryAfterMs"
    ) AS "check"
    FROM "ValidationCheck"
)
GROUP BY "runId";

-- DropIndex
DROP INDEX "ValidationCheck_runId_position_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ValidationCheck";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ValidationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectorId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'chain',
    "authMethod" TEXT,
    "settingsKey" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "checks" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ValidationRun_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ValidationRun" ("authMethod", "connectorId", "durationMs", "finishedAt", "id", "kind", "outcome", "settingsKey", "startedAt", "trigger") SELECT "authMethod", "connectorId", "durationMs", "finishedAt", "id", "kind", "outcome", "settingsKey", "startedAt", "trigger" FROM "ValidationRun";
DROP TABLE "ValidationRun";
ALTER TABLE "new_ValidationRun" RENAME TO "ValidationRun";
CREATE INDEX "ValidationRun_connectorId_startedAt_idx" ON "ValidationRun"("connectorId", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Data: the checks kept from before.
UPDATE "ValidationRun" SET "checks" = (SELECT "checks" FROM "RunChecks" WHERE "RunChecks"."runId" = "ValidationRun"."id")
WHERE "id" IN (SELECT "runId" FROM "RunChecks");
DROP TABLE "RunChecks";
