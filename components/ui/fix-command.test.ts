import { describe, expect, it } from "vitest";
import { grantViewerCommand } from "@/lib/server/kusto/decode-kusto-error";
import { splitFixCommand } from "./fix-command";

describe("splitFixCommand", () => {
  it("takes the Kusto grant a database admin runs out of the fix text", () => {
    const command = grantViewerCommand("Billing", "aadapp=app-id;tenant-id");
    const fix = `An admin of database Billing runs this command in the cluster's query editor, then run the test again:\n${command}`;
    expect(splitFixCommand(fix)).toEqual({
      text: "An admin of database Billing runs this command in the cluster's query editor, then run the test again:",
      command: ".add database Billing viewers ('aadapp=app-id;tenant-id')",
    });
  });

  it("leaves a fix without a command line as it is, even when it quotes one in a sentence", () => {
    const fix = "An admin of database Billing adds the identity as a Database Viewer (.add database Billing viewers ('aadapp=<appId>;<tenantId>')).";
    expect(splitFixCommand(fix)).toEqual({ text: fix, command: null });
  });
});
