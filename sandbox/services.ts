// The resource services mounted on the sandbox's HTTPS origin, each under its own path prefix.
import type { SandboxService } from "./contract";

export const resourceServices: SandboxService[] = [];
