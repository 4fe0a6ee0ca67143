import { describe, expect, it } from "vitest";
import { batchSources } from "./revalidate-sources";

const source = (id: string, project: string, capabilities: string[], areaPath: string | null = null) => ({
  id,
  displayName: id,
  project,
  repository: id,
  capabilities: JSON.stringify(capabilities),
  areaPath,
});

describe("batchSources", () => {
  it("checks every repository of a project in one run when they share an area path or only read", () => {
    const batches = batchSources([
      source("payments-api", "Payments", ["read_code", "comment"], "Payments\\Checkout"),
      source("payments-web", "Payments", ["read_code"]),
      source("ledger", "payments", ["read_code", "create_work_items"], "payments\\checkout"),
    ]);
    expect(batches).toEqual([
      {
        project: "Payments",
        areaPath: "Payments\\Checkout",
        sources: [expect.objectContaining({ id: "payments-api" }), expect.objectContaining({ id: "ledger" }), expect.objectContaining({ id: "payments-web" })],
      },
    ]);
  });

  it("makes one run per project and per area path written in", () => {
    const batches = batchSources([
      source("a", "Payments", ["read_code", "comment"], "Payments\\Checkout"),
      source("b", "Payments", ["read_code", "comment"], "Payments\\Ledger"),
      source("c", "Treasury", ["read_code"]),
    ]);
    expect(batches.map((batch) => [batch.project, batch.areaPath, batch.sources.map((row) => row.id)])).toEqual([
      ["Payments", "Payments\\Checkout", ["a"]],
      ["Payments", "Payments\\Ledger", ["b"]],
      ["Treasury", null, ["c"]],
    ]);
  });
});
