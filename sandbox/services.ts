// The resource services mounted on the sandbox's HTTPS origin, each under its own path prefix.
import type { SandboxService } from "./contract";
import { adoService } from "./ado";
import { armService } from "./arm";
import { kustoService } from "./kusto";

export const resourceServices: SandboxService[] = [adoService, kustoService, armService];
