// Preloaded into a portal process (NODE_OPTIONS=--import) by tracing.spec.ts: names on stderr
// every OpenTelemetry package the server imports, so a test can tell whether the SDK loaded.
// Next.js imports external packages with import(), which the module hooks see.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
process.stderr.write("module-watch: active\n");
