import "server-only";
// The response mirrors live beside the request schemas, so the browser client parses with them too.
export * from "@/lib/schemas/responses/core";
