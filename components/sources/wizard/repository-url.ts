// Pasted repository URLs. The parser is the server's own pure module (it has no server
// dependency and says so), so the wizard fills its fields exactly as the API would read them; it
// comes with the wizard's naming rules.
import type { ParseRepositoryUrlResult } from "@/lib/schemas/repository-url";
import { nameRules } from "./name-rules-loader";

/** Organization names have no '/', ':', '@' or '.': any of them means the operator pasted an address. */
export const looksLikeUrl = (text: string) => /[/:@.]/.test(text.trim());

export function readRepositoryUrl(text: string): ParseRepositoryUrlResult {
  return nameRules().parseRepositoryUrl(text);
}

export type { ParsedRepositoryUrl } from "@/lib/schemas/repository-url";
