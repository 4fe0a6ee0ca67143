import { publicRoute } from "@/lib/server/http/api-route";
import { buildOpenApiDocument } from "@/lib/server/openapi/build-openapi-document";

// The API's OpenAPI 3.1 document, generated from the zod contracts. It describes shapes only
// (no data, no secrets), so tooling may read it without a session.
export const GET = publicRoute({}, async () => buildOpenApiDocument());
