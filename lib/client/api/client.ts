// The one place the browser talks to the portal's API. Each call names its method and path (path
// segments encoded by `apiPath`, query strings built with URLSearchParams), sends JSON, and parses
// the answer with the zod schema of the route's contract. Every failure, whether the portal
// refused, the answer did not match its contract or the portal could not be reached, is one
// `ApiError` carrying the server's error body, so a form shows the same message, fix and link.
import type { z } from "zod";
import type { HopStreamEvent } from "@/lib/schemas/hop-stream";
import { HOP_STREAM_CONTENT_TYPE } from "@/lib/schemas/hop-stream";
import { readHopStream } from "@/lib/client/read-hop-stream";

export type FieldProblem = { field: string; message: string };
export type RelatedLink = { href: string; label: string };

/** What a form shows of a failed call: the message, the fix, the failing fields, a link. */
export type ApiProblem = { message: string; hint?: string; fields: FieldProblem[]; status: number; related?: RelatedLink };

export class ApiError extends Error implements ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly hint?: string;
  readonly fields: FieldProblem[];
  readonly related?: RelatedLink;
  readonly requestId?: string;
  /** Seconds the portal asked to wait (429 Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(problem: ApiProblem & { code?: string; requestId?: string; retryAfterSeconds?: number }) {
    super(problem.message);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code ?? (problem.status === 0 ? "unreachable" : "http_" + problem.status);
    this.hint = problem.hint;
    this.fields = problem.fields;
    this.related = problem.related;
    this.requestId = problem.requestId;
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }

  /** The message a field shows, when the portal refused that field. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((issue) => issue.field === field)?.message;
  }

  /** A plain copy, for state that React keeps. */
  toProblem(): ApiProblem {
    return { message: this.message, hint: this.hint, fields: this.fields, status: this.status, related: this.related };
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    type Body = { error?: { code?: string; message?: string; hint?: string; fields?: FieldProblem[]; related?: RelatedLink; requestId?: string } };
    const body = (await response.json().catch(() => null)) as Body | null;
    const related = body?.error?.related;
    const retryAfter = Number(response.headers.get("retry-after"));
    return new ApiError({
      code: body?.error?.code,
      message: body?.error?.message ?? `The portal answered ${response.status}.`,
      hint: body?.error?.hint,
      fields: Array.isArray(body?.error?.fields) ? body.error.fields : [],
      status: response.status,
      // Only the portal's own pages: a link in an error is followed without a second look.
      related: related && typeof related.href === "string" && related.href.startsWith("/") && !related.href.startsWith("//") ? related : undefined,
      requestId: body?.error?.requestId,
      retryAfterSeconds: retryAfter > 0 ? retryAfter : undefined,
    });
  }

  /** Any thrown value as an ApiError: a network failure is "the portal could not be reached". */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new ApiError({ message: `The portal could not be reached (${detail}).`, fields: [], status: 0 });
  }
}

/** A path under /api with every interpolated value encoded as one path segment. */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((path, part, index) => path + part + (index < values.length ? encodeURIComponent(String(values[index])) : ""), "");
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The route's response contract, or a function that loads it: a schema imported on demand keeps
 * zod out of the first load of pages whose only use of it is parsing answers.
 */
export type SchemaSource<S extends z.ZodType> = S | (() => Promise<S>);

export type RequestOptions<S extends z.ZodType> = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Query;
  body?: unknown;
  /** The route's response contract; `null` for an answer without a body the caller needs. */
  schema: SchemaSource<S> | null;
  signal?: AbortSignal;
  /**
   * A 429 with a short Retry-After is waited out (up to three times, 30 s each) instead of failing:
   * `onWait` hears the seconds left, then 0.
   */
  onWait?: (seconds: number) => void;
};

const MAX_WAIT_SECONDS = 30;
const MAX_WAITS = 3;

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: "same-origin", ...init });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw ApiError.from(error);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** The schema, loading it first when it is imported on demand; a failed load is "could not be reached". */
async function loadSchema<S extends z.ZodType>(source: SchemaSource<S>): Promise<S> {
  if (typeof source !== "function") return source;
  try {
    return await source();
  } catch (error) {
    throw ApiError.from(error);
  }
}

export async function apiRequest<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.output<S>> {
  const method = options.method ?? "GET";
  // The schema loads while the request is on its way; its failure is reported once the answer is in.
  const schemaLoad = options.schema === null ? null : loadSchema(options.schema);
  schemaLoad?.catch(() => undefined);
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const url = withQuery(path, options.query);
  for (let attempt = 0; ; attempt += 1) {
    const response = await send(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal });
    if (response.ok) {
      if (schemaLoad === null) return undefined as z.output<S>;
      const parsed = (await schemaLoad).safeParse(await response.json().catch(() => undefined));
      if (parsed.success) return parsed.data;
      throw new ApiError({
        code: "unexpected_answer",
        message: `The portal's answer to ${method} ${path} did not have the expected shape (${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message}).`,
        hint: "Reload the page; if it persists, the browser may be running an older version of the portal.",
        fields: [],
        status: response.status,
      });
    }
    const error = await ApiError.fromResponse(response);
    const wait = error.retryAfterSeconds;
    if (options.onWait && response.status === 429 && attempt < MAX_WAITS && wait !== undefined && wait <= MAX_WAIT_SECONDS) {
      for (let left = Math.ceil(wait); left > 0; left -= 1) {
        options.onWait(left);
        await sleep(1000, options.signal);
      }
      options.onWait(0);
      continue;
    }
    throw error;
  }
}

/**
 * A streamed chain test: one JSON object per line, yielded as each line arrives, so the page can
 * show every hop the moment it finishes. A refusal before the stream starts throws an ApiError.
 */
export async function* apiStream<TResult extends object>(path: string, options: { method?: "POST"; signal?: AbortSignal } = {}): AsyncGenerator<HopStreamEvent<TResult>> {
  const response = await send(path, { method: options.method ?? "POST", headers: { accept: HOP_STREAM_CONTENT_TYPE }, signal: options.signal });
  if (!response.ok) throw await ApiError.fromResponse(response);
  yield* readHopStream<TResult>(response);
}

/** null when the call succeeded, else what a form shows: for writes whose answer the page reloads anyway. */
export function problemOf(call: Promise<unknown>): Promise<ApiProblem | null> {
  return call.then(
    () => null,
    (error: unknown) => ApiError.from(error).toProblem(),
  );
}
