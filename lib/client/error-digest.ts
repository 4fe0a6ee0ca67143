/**
 * The digest Next.js attaches to errors from server components: the id under which the server
 * logged the real error. Error boundaries receive `unknown`, so narrow before reading.
 */
export function errorDigest(error: unknown): string | undefined {
  if (error && typeof error === "object" && "digest" in error && typeof error.digest === "string") return error.digest;
  return undefined;
}
