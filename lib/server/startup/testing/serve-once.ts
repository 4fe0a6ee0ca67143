// A portal process without the web server: runs the server's startup (instrumentation.ts's
// register, with the same checks and the same "cannot start" exit) and then stays up, printing
// "ready", until it is killed. Tests start several on one data folder.
// Run with: tsx --conditions=react-server lib/server/startup/testing/serve-once.ts
import { register } from "@/instrumentation";

process.env.NEXT_RUNTIME = "nodejs";
void register().then(() => {
  console.log("ready");
  setInterval(() => undefined, 60_000);
});
