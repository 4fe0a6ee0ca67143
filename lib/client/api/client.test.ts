// The typed client against a real HTTP server on a free port: what a form gets back from the
// portal's answers (parsed bodies, the server's error body as ApiError, waits on 429, streams).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, apiPath, apiRequest, apiStream, problemOf } from "./client";
import { shouldRetryRead } from "./query-provider";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const handlers = new Map<string, Handler>();
const seen: { method: string; url: string; body: string; contentType?: string }[] = [];
let origin = "";
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    seen.push({ method: request.method ?? "", url: request.url ?? "", body, contentType: request.headers["content-type"] });
    const handler = handlers.get(new URL(request.url ?? "/", "http://x").pathname);
    if (handler) return handler(request, body, response);
    response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "No such thing.", requestId: "r1" } }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

describe("apiPath", () => {
  it("encodes each value as one path segment", () => {
    expect(apiPath`/api/connectors/${"a/../b?x=1#y"}/projects/${"My Project"}`).toBe("/api/connectors/a%2F..%2Fb%3Fx%3D1%23y/projects/My%20Project");
  });
});

describe("apiRequest", () => {
  it("sends JSON, builds the query, and returns the answer parsed with its schema", async () => {
    handlers.set("/api/things", (_request, body, response) => json(response, 201, { id: "t1", echo: JSON.parse(body) as unknown, extra: "dropped" }));
    const answer = await apiRequest(`${origin}/api/things`, {
      method: "POST",
      query: { version: 3, skip: undefined, q: "a&b" },
      body: { name: "x" },
      schema: z.object({ id: z.string(), echo: z.unknown() }),
    });
    expect(answer).toEqual({ id: "t1", echo: { name: "x" } });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/api/things?version=3&q=a%26b", contentType: "application/json" });
  });

  it("turns the server's error body into an ApiError with the field, the fix and the portal link", async () => {
    handlers.set("/api/refused", (_request, _body, response) =>
      json(response, 422, {
        error: {
          code: "validation_failed",
          message: "The request has invalid fields. name: is required",
          fields: [{ field: "name", message: "is required" }],
          hint: "Name it.",
          related: { href: "/settings", label: "Settings" },
          requestId: "r2",
        },
      }),
    );
    const error = await apiRequest(`${origin}/api/refused`, { method: "POST", body: {}, schema: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: "validation_failed", hint: "Name it.", related: { href: "/settings", label: "Settings" }, requestId: "r2" });
    expect((error as ApiError).fieldMessage("name")).toBe("is required");
  });

  it("drops a related link that leaves the portal", async () => {
    handlers.set("/api/offsite", (_request, _body, response) =>
      json(response, 409, { error: { code: "conflict", message: "No.", related: { href: "//evil.example/", label: "x" }, requestId: "r3" } }),
    );
    const problem = await problemOf(apiRequest(`${origin}/api/offsite`, { schema: null }));
    expect(problem).toMatchObject({ status: 409, message: "No." });
    expect(problem?.related).toBeUndefined();
  });

  it("refuses an answer that does not match its contract, naming the field", async () => {
    handlers.set("/api/odd", (_request, _body, response) => json(response, 200, { id: 42 }));
    const error = (await apiRequest(`${origin}/api/odd`, { schema: z.object({ id: z.string() }) }).catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe("unexpected_answer");
    expect(error.message).toContain("id:");
  });

  it("says the portal could not be reached when nothing answers", async () => {
    const error = (await apiRequest("http://127.0.0.1:1/api/x", { schema: null }).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toMatchObject({ status: 0, code: "unreachable" });
    expect(error.message).toMatch(/^The portal could not be reached/);
  });

  it("parses with a schema loaded on demand, and refuses an answer that does not match it", async () => {
    handlers.set("/api/auth/nonce", (_request, _body, response) => json(response, 200, { nonce: "n1", extra: "dropped" }));
    const nonceSchema = () => import("./answers").then((answers) => answers.nonceSchema);
    await expect(apiRequest(`${origin}/api/auth/nonce`, { method: "POST", schema: nonceSchema })).resolves.toEqual({ nonce: "n1" });
    handlers.set("/api/auth/nonce", (_request, _body, response) => json(response, 200, { nonce: 7 }));
    const error = (await apiRequest(`${origin}/api/auth/nonce`, { method: "POST", schema: nonceSchema }).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toMatchObject({ code: "unexpected_answer", status: 200 });
    expect(error.message).toContain("nonce:");
  });

  it("says the portal could not be reached when the schema cannot be loaded, and still reports a refusal first", async () => {
    handlers.set("/api/things", (_request, _body, response) => json(response, 200, { id: "t1" }));
    const unloadable = () => Promise.reject(new Error("Loading chunk 123 failed."));
    const error = (await apiRequest(`${origin}/api/things`, { schema: unloadable }).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toMatchObject({ status: 0, code: "unreachable" });
    expect(error.message).toBe("The portal could not be reached (Loading chunk 123 failed.).");
    const refusal = (await apiRequest(`${origin}/api/refused`, { method: "POST", body: {}, schema: unloadable }).catch((caught: unknown) => caught)) as ApiError;
    expect(refusal).toMatchObject({ status: 422, code: "validation_failed" });
  });

  it("waits out a 429 with Retry-After when asked to, saying the seconds left", async () => {
    let calls = 0;
    handlers.set("/api/limited", (_request, _body, response) =>
      ++calls === 1 ? json(response, 429, { error: { code: "rate_limited", message: "Later.", requestId: "r4" } }, { "retry-after": "1" }) : json(response, 200, { ok: true }),
    );
    const waits: number[] = [];
    await expect(apiRequest(`${origin}/api/limited`, { method: "POST", schema: z.object({ ok: z.boolean() }), onWait: (seconds) => waits.push(seconds) })).resolves.toEqual({ ok: true });
    expect(waits).toEqual([1, 0]);
    calls = 0;
    const error = (await apiRequest(`${origin}/api/limited`, { method: "POST", schema: null }).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 1 });
  });
});

describe("apiStream", () => {
  it("yields each NDJSON line of a chain test, and throws the refusal before the stream", async () => {
    handlers.set("/api/stream", (request, _body, response) => {
      expect(request.headers.accept).toBe("application/x-ndjson");
      response.writeHead(200, { "content-type": "application/x-ndjson" });
      response.write('{"type":"retry","attempt":1,"inSeconds":2,"code":"AADSTS700211","reason":"r","giveUpAt":"x"}\n{"type":"res');
      response.end('ult","run":{"id":"run1"}}\n');
    });
    const events = [];
    for await (const event of apiStream<{ run: { id: string } }>(`${origin}/api/stream`)) events.push(event.type);
    expect(events).toEqual(["retry", "result"]);

    handlers.set("/api/stream-refused", (_request, _body, response) => json(response, 429, { error: { code: "rate_limited", message: "Too many.", requestId: "r5" } }, { "retry-after": "40" }));
    const error = await (async () => {
      for await (const _event of apiStream(`${origin}/api/stream-refused`)) return null;
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 40, message: "Too many." });
  });
});

describe("reads retry only what asking again can fix", () => {
  it("retries unreachable, 429 and 5xx twice, never a 4xx", () => {
    const answer = (status: number) => new ApiError({ message: "x", fields: [], status });
    expect([0, 429, 502].map((status) => shouldRetryRead(0, answer(status)))).toEqual([true, true, true]);
    expect(shouldRetryRead(2, answer(502))).toBe(false);
    expect([400, 404, 409, 422].map((status) => shouldRetryRead(0, answer(status)))).toEqual([false, false, false, false]);
  });
});
