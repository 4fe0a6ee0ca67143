import { describe, expect, it } from "vitest";
import { kustoSchema } from "../world/kusto";
import { kustoPart } from "../world/default/kusto";
import { KqlSemanticError, KqlSyntaxError, runKql } from "./kql";

const tables = kustoSchema.parse(kustoPart).clusters[0]!.databases[0]!.tables;

describe("runKql", () => {
  it("prints literals with inferred types and default column names", () => {
    expect(runKql("print x=1", tables)).toEqual({ columns: [{ name: "x", type: "long" }], rows: [[1]] });
    expect(runKql('print 2.5, s="a", b=true', tables)).toEqual({
      columns: [
        { name: "print_0", type: "real" },
        { name: "s", type: "string" },
        { name: "b", type: "bool" },
      ],
      rows: [[2.5, "a", true]],
    });
  });

  it("counts, takes and filters seeded rows", () => {
    expect(runKql("Requests | count", tables).rows).toEqual([[10]]);
    expect(runKql("Requests | take 3", tables).rows).toHaveLength(3);
    expect(runKql('Requests | where Name == "POST /payments" | count', tables).rows).toEqual([[3]]);
    expect(runKql("Requests | where Success == false and DurationMs > 1000 | count", tables).rows).toEqual([[2]]);
    expect(runKql("Incidents | where Severity <= 2 | count", tables).rows).toEqual([[5]]);
    expect(runKql("Incidents | where Title contains 'checkout' | count", tables).rows).toEqual([[2]]);
  });

  it("compares datetime columns with datetime literals", () => {
    expect(runKql("Incidents | where CreatedAt >= datetime(2025-01-05) | count", tables).rows).toEqual([[4]]);
  });

  it("projects, sorts and summarizes", () => {
    const projected = runKql("Incidents | project IncidentId, Status | take 1", tables);
    expect(projected).toEqual({
      columns: [
        { name: "IncidentId", type: "long" },
        { name: "Status", type: "string" },
      ],
      rows: [[101, "Active"]],
    });
    expect(runKql("Requests | sort by DurationMs | project DurationMs | take 1", tables).rows).toEqual([[5000]]);
    expect(runKql("Requests | order by DurationMs asc | project DurationMs | take 1", tables).rows).toEqual([[60]]);
    expect(runKql("Requests | summarize count() by Region", tables).rows).toEqual([
      ["westeurope", 6],
      ["northeurope", 4],
    ]);
  });

  it("ignores comments and a trailing semicolon", () => {
    expect(runKql("// how many?\nRequests\n| count;", tables).rows).toEqual([[10]]);
  });

  it("raises SEM0100 for unknown tables (names are case-sensitive) and columns", () => {
    expect(() => runKql("requests | count", tables)).toThrow(KqlSemanticError);
    expect(() => runKql("Nope", tables)).toThrow("SEM0100: 'table' operator: Failed to resolve table expression named 'Nope'");
    expect(() => runKql("Requests | where Nope == 1", tables)).toThrow("SEM0100: 'where' operator: Failed to resolve scalar expression named 'Nope'");
  });

  it("refuses what the subset does not support instead of guessing", () => {
    expect(() => runKql("Requests | extend x = 1", tables)).toThrow(KqlSyntaxError);
    expect(() => runKql("Requests | take", tables)).toThrow(KqlSyntaxError);
    expect(() => runKql('print "unterminated', tables)).toThrow(KqlSyntaxError);
    expect(() => runKql("Requests | summarize avg(DurationMs)", tables)).toThrow(KqlSyntaxError);
  });
});
