// The resource services mounted on the sandbox's HTTPS origin, each under its own path prefix.
import type { SandboxService } from "./contract";
import { adoService } from "./ado";
import { armService } from "./arm";
import { keyVaultService } from "./keyvault";
import { kustoService } from "./kusto";
import { storageService } from "./storage";

export const resourceServices: SandboxService[] = [adoService, kustoService, armService, storageService, keyVaultService];
