// The Kusto part of a world: clusters (each in one Entra tenant), their databases with role
// assignments written as Kusto principal FQNs, and small tables that queries run over.
import { z } from "zod";

export const KUSTO_DATABASE_ROLES = ["admins", "users", "viewers", "unrestrictedviewers", "ingestors", "monitors"] as const;
export type KustoDatabaseRole = (typeof KUSTO_DATABASE_ROLES)[number];

export const KUSTO_COLUMN_TYPES = ["string", "long", "int", "real", "bool", "datetime", "guid", "dynamic"] as const;
export type KustoColumnType = (typeof KUSTO_COLUMN_TYPES)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const kustoPrincipalSchema = z
  .object({
    role: z.enum(KUSTO_DATABASE_ROLES),
    /** `aadapp=<appId>;<tenantId>` or `aaduser=<oid>;<tenantId>`, as `.show database principals` prints them. */
    fqn: z.string().regex(/^(aadapp|aaduser|aadgroup)=[^;]+(;[^;]+)?$/, "Kusto principal FQN"),
    displayName: z.string().min(1),
  })
  .strict();

export const kustoTableSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    columns: z.array(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), type: z.enum(KUSTO_COLUMN_TYPES) }).strict()).min(1),
    rows: z.array(z.array(scalar)).default([]),
  })
  .strict()
  .refine((table) => table.rows.every((row) => row.length === table.columns.length), "every row has one value per column");

export const kustoDatabaseSchema = z
  .object({
    name: z.string().min(1),
    id: z.guid(),
    principals: z.array(kustoPrincipalSchema).default([]),
    tables: z.array(kustoTableSchema).default([]),
  })
  .strict();

export const kustoClusterSchema = z
  .object({
    /** The path segment after /kusto/ (the cluster URL is {origin}/kusto/{name}). */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    tenantId: z.guid(),
    databases: z.array(kustoDatabaseSchema).default([]),
  })
  .strict();

export const kustoSchema = z
  .object({
    clusters: z.array(kustoClusterSchema).default([]),
  })
  .strict();

export type KustoWorld = z.output<typeof kustoSchema>;
export type KustoCluster = z.output<typeof kustoClusterSchema>;
export type KustoDatabase = z.output<typeof kustoDatabaseSchema>;
export type KustoTable = z.output<typeof kustoTableSchema>;
export type KustoPrincipal = z.output<typeof kustoPrincipalSchema>;
export type KustoScalar = z.output<typeof scalar>;
