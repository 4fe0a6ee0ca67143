import "server-only";
// A query against the target database through /v2/rest/query: proves the identity can read it.
// v2 answers are a list of frames; errors after the status line arrive as 200 + HasErrors.
import { z } from "zod";
import { kustoPost, type KustoPostOptions, type KustoResult } from "./kusto-post";

const frameSchema = z.looseObject({
  FrameType: z.string(),
  TableKind: z.string().optional(),
  Rows: z.array(z.unknown()).optional(),
  HasErrors: z.boolean().optional(),
  OneApiErrors: z.array(z.unknown()).optional(),
});

export async function runProbeQuery(options: KustoPostOptions, query = "print ok=1"): Promise<KustoResult<{ rowCount: number }>> {
  return kustoPost("v2/rest/query", query, options, (body) => {
    const frames = z.array(frameSchema).parse(body);
    const completion = frames.find((frame) => frame.FrameType === "DataSetCompletion");
    if (completion?.HasErrors) throw new Error(`the query failed: ${JSON.stringify(completion.OneApiErrors ?? []).slice(0, 500)}`);
    const primary = frames.find((frame) => frame.FrameType === "DataTable" && frame.TableKind === "PrimaryResult");
    if (!primary) throw new Error("the answer has no PrimaryResult table");
    return { rowCount: primary.Rows?.length ?? 0 };
  });
}
