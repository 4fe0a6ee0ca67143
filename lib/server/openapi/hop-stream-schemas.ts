import "server-only";
// One line of a streamed chain test (lib/schemas/hop-stream.ts), for the OpenAPI document.
import { z } from "zod";
import type { HopStreamEvent } from "@/lib/schemas/hop-stream";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { checkResultSchema, errorBodySchema, validationRunSchema } from "./response-schemas";
import { checkNowSchema } from "./response-schemas-operations";

const hopEventSchema = checkResultSchema
  .extend({ type: z.literal("hop"), position: z.number().int().describe("The hop's place in the chain, from 0") })
  .meta({ id: "HopEvent", description: "A hop has finished (skipped hops included)" });
const errorEventSchema = z
  .object({ type: z.literal("error"), error: errorBodySchema.shape.error.pick({ code: true, message: true, hint: true, requestId: true }) })
  .meta({ id: "HopStreamError", description: "The run failed after its first hop; the last line" });

const retryEventSchema = z
  .object({
    type: z.literal("retry"),
    attempt: z.number().int().describe("How many runs failed so far"),
    inSeconds: z.number().int().describe("When the chain runs again; its hops follow from position 0"),
    code: z.string().describe("The failing hop's code"),
    reason: z.string().describe("Why propagation may explain it"),
    giveUpAt: z.string().describe("When the retries stop (ISO 8601)"),
  })
  .meta({ id: "HopStreamRetry", description: "The run failed with an error Entra's propagation delay explains, shortly after a change; it runs again by itself" });

const resultDescription = "The run is stored; the last line";
export const chainTestLineSchema = z
  .union([hopEventSchema, retryEventSchema, z.object({ type: z.literal("result"), run: validationRunSchema }).meta({ description: resultDescription }), errorEventSchema])
  .meta({ id: "ChainTestLine" });
export const checkNowLineSchema = z
  .union([hopEventSchema, retryEventSchema, checkNowSchema.extend({ type: z.literal("result") }).meta({ description: resultDescription }), errorEventSchema])
  .meta({ id: "CheckNowLine" });

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mirrors<T extends true> = T;
export type HopStreamMirrorChecks = [
  Mirrors<Equals<z.infer<typeof chainTestLineSchema>, HopStreamEvent<{ run: ValidationRunDto }>>>,
  Mirrors<Equals<z.infer<typeof checkNowLineSchema>, HopStreamEvent<{ run: ValidationRunDto; alertId: string | null }>>>,
];
