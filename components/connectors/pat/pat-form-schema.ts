// The PAT form's check, loaded with the form's first check rather than with the page: the
// handler's own schema.
import { zodResolver } from "@hookform/resolvers/zod";
import { savePatSchema } from "@/lib/schemas/connector-pat";

export function patResolver() {
  return zodResolver(savePatSchema);
}
