// The API token form's check, loaded with the form's first check rather than with the page: the
// handler's own schema.
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createApiTokenSchema } from "@/lib/schemas/agent-access";

export type ApiTokenFields = z.input<typeof createApiTokenSchema>;

export const apiTokenResolver = zodResolver(createApiTokenSchema);
