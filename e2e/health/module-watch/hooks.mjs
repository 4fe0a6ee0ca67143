// Module resolution hook for register.mjs: reports, and changes nothing.
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.includes("/@opentelemetry/")) process.stderr.write(`module-watch: ${resolved.url}\n`);
  return resolved;
}
