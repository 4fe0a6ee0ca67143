// Which Azure resource an "azure" connector reaches, as the contracts check it.
import { z } from "zod";
import { azureResources } from "./azure-resource";

export const azureResourceSchema = z.enum(azureResources);
