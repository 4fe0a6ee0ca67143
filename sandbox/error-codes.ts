// Every error code the sandbox cloud can answer, by service, so that a client (the portal's
// decoder) can be checked against it: Entra's AADSTS codes come from the catalogue itself, and
// Azure DevOps' TF/VS codes are listed here (a test reads the ADO sources and fails when a code
// they answer is missing from this list).
import { aadstsCodes } from "./entra/error-catalogue";

export const ADO_ERROR_CODES = [
  "TF200016",
  "TF237111",
  "TF400813",
  "TF401019",
  "TF401027",
  "TF401174",
  "TF401175",
  "TF401180",
  "TF401232",
  "TF401320",
  "TF401347",
  "TF401444",
  "VS402323",
  "VS402485",
  "VS800075",
] as const;

export type SandboxErrorCodes = { entra: string[]; ado: string[] };

export function sandboxErrorCodes(): SandboxErrorCodes {
  return { entra: aadstsCodes().map((code) => `AADSTS${code}`), ado: [...ADO_ERROR_CODES] };
}
