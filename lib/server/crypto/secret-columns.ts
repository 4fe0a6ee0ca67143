import "server-only";
// Every encrypted column in the database and the logical field its associated data names.
// The startup check and rotation walk this list, so a new secret column is added here once.
import type { SecretBinding } from "./envelope";

export const secretColumns = [
  { table: "connector", sqlTable: "Connector", column: "patCiphertext", field: "pat" },
  { table: "connector", sqlTable: "Connector", column: "oauthCacheCiphertext", field: "oauthCache" },
] as const satisfies readonly { table: SecretBinding["table"]; sqlTable: string; column: string; field: SecretBinding["field"] }[];

export type SecretColumn = (typeof secretColumns)[number];
