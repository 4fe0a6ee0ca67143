-- Data: each run's check rows, as the JSON array the checks column holds (see the update at the end).
CREATE TEMP TABLE "RunChecks" AS
SELECT "runId", json_agg(json_build_object(
        'key', "key", 'label', "label", 'status', "status", 'durationMs', "durationMs",
        'code', "code", 'title', "title", 'cause', "cause", 'fix', "fix",
        'expected', "expected", 'configured', "configured", 'detail', "detail",
        'link', CASE WHEN "linkHref" IS NOT NULL THEN json_build_object('label', COALESCE("linkLabel", "linkHref"), 'href', "linkHref") END,
        'raw', "raw", 'traceId', "traceId", 'retryAfterMs', "retryAfterMs"
    ) ORDER BY "position")::text AS "checks"
FROM "ValidationCheck"
GROUP BY "runId";

-- DropForeignKey
ALTER TABLE "ValidationCheck" DROP CONSTRAINT "ValidationCheck_runId_fkey";

-- AlterTable
ALTER TABLE "ValidationRun" ADD COLUMN     "checks" TEXT NOT NULL DEFAULT '[]';

-- DropTable
DROP TABLE "ValidationCheck";


-- Data: the checks kept from before.
UPDATE "ValidationRun" SET "checks" = "RunChecks"."checks" FROM "RunChecks" WHERE "RunChecks"."runId" = "ValidationRun"."id";
DROP TABLE "RunChecks";
