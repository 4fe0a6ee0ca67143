import { describe, expect, it } from "vitest";
import { matchRoute, pathSegments } from "./route-match";

describe("matchRoute", () => {
  it("matches literals case-insensitively and keeps parameter spelling", () => {
    const segments = pathSegments("/ado/litware/Payments/_apis/wit/classificationNodes/Areas")!;
    expect(matchRoute("/ado/:org/:project/_apis/wit/classificationnodes/areas/*path", segments)).toEqual({
      org: "litware",
      project: "Payments",
      path: "",
    });
  });

  it("collects the rest of a path into a wildcard", () => {
    const segments = pathSegments("/ado/litware/Payments/_apis/wit/classificationnodes/areas/Checkout/Cards")!;
    expect(matchRoute("/ado/:org/:project/_apis/wit/classificationnodes/areas/*path", segments)?.path).toBe("Checkout/Cards");
  });

  it("never reads _apis as a project name", () => {
    const segments = pathSegments("/ado/litware/_apis/git/repositories")!;
    expect(matchRoute("/ado/:org/:project/_apis/git/repositories", segments)).toBeNull();
    expect(matchRoute("/ado/:org/_apis/git/repositories", segments)).toEqual({ org: "litware" });
  });

  it("rejects extra or missing segments", () => {
    expect(matchRoute("/ado/:org/_apis/projects", pathSegments("/ado/litware/_apis/projects/x/y")!)).toBeNull();
    expect(matchRoute("/ado/:org/_apis/projects/:id", pathSegments("/ado/litware/_apis/projects")!)).toBeNull();
  });

  it("decodes percent-encoding and refuses broken encoding", () => {
    expect(pathSegments("/ado/litware/_apis/wit/workitems/%24Task")).toEqual(["ado", "litware", "_apis", "wit", "workitems", "$Task"]);
    expect(pathSegments("/ado/%E0%A4%A")).toBeNull();
  });
});
