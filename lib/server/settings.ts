import "server-only";
// The only module that reads process.env. Everything else imports typed settings from here,
// so a misconfiguration fails once, at start, with a message that names the variable.
import path from "node:path";
import { z } from "zod";

const httpsUrl = z
  .string()
  .url()
  .refine((value) => value.startsWith("https://"), "must be an https:// URL")
  .transform((value) => value.replace(/\/+$/, ""));

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Where the embedded database and the demo's generated key live. */
  TB_DATA_DIR: z.string().min(1).default("data"),
  /** postgresql://… selects PostgreSQL; unset or file:… uses the embedded SQLite database. */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, "must start with postgresql:// or file:")
    .optional(),
  /** Key ring "keyId:base64(32 bytes)[,keyId:base64…]"; the first key encrypts, all decrypt. */
  TB_ENCRYPTION_KEYS: z.string().optional(),
  /** Entra ID authority host (https://login.microsoftonline.com in Azure, the sandbox origin in the demo). */
  AZURE_AUTHORITY_HOST: httpsUrl.default("https://login.microsoftonline.com"),
  TB_ADO_BASE_URL: httpsUrl.default("https://dev.azure.com"),
  TB_GRAPH_BASE_URL: httpsUrl.default("https://graph.microsoft.com"),
  TB_ARM_BASE_URL: httpsUrl.default("https://management.azure.com"),
  /** Extra Kusto cluster origins allowed besides Azure's Kusto domains (the sandbox in the demo). */
  TB_KUSTO_EXTRA_ORIGINS: z.string().default(""),
  /** Set by the demo and tests: the portal talks to the sandbox cloud. */
  TB_SANDBOX: z.enum(["0", "1"]).default("0"),
  TB_PORTAL_CLIENT_ID: guid.optional(),
  TB_PORTAL_TENANT_ID: guid.optional(),
  /** The portal app's client secret: OAuth connectors redeem codes and refresh tokens server-side (a confidential client). */
  TB_PORTAL_CLIENT_SECRET: z.string().trim().min(8, "must be at least 8 characters").max(512, "must be at most 512 characters").optional(),
  /**
   * "managed-identity": the portal app proves itself with its managed identity's token for
   * api://AzureADTokenExchange (a federated credential on the app trusts that identity), so no
   * client secret exists to store or rotate. Set TB_PORTAL_MI_CLIENT_ID with it, and no secret.
   */
  TB_PORTAL_CLIENT_ASSERTION: z.enum(["managed-identity"]).optional(),
  /** Client id of the user-assigned managed identity behind TB_PORTAL_CLIENT_ASSERTION. */
  TB_PORTAL_MI_CLIENT_ID: guid.optional(),
  TB_AGENT_TENANT_ID: guid.optional(),
  TB_AGENT_MI_CLIENT_ID: guid.optional(),
  TB_AGENT_MI_PRINCIPAL_ID: guid.optional(),
  TB_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** How long an operator session lasts after sign-in. */
  TB_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(8),
  /** How long the browser waits for a sign-in popup before giving up (MSAL's popupBridgeTimeout). */
  TB_POPUP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Scheduled re-validation of every connector in this process; off under Vitest unless set. */
  TB_SCHEDULER_ENABLED: z.enum(["0", "1"]).optional(),
  /** How often each connector is checked (a jitter of up to 10% spreads the load). */
  TB_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(60, "must be at least 60").max(7 * 24 * 3600, "must be at most a week").default(900),
  /** Connectors checked at the same time by this process. */
  TB_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Optional webhook for state changes (https, or http://localhost in the sandbox); checked at start by lib/server/alerts. */
  TB_ALERT_WEBHOOK_URL: z.string().trim().url("must be a URL").optional(),
  /** HMAC-SHA256 key for the webhook's X-TenantBridge-Signature header. */
  TB_ALERT_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /** Validation runs older than this are deleted (the latest run of each connector is kept). */
  TB_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How long one permission validation (all its calls to Azure DevOps together) may take. */
  TB_VALIDATION_BUDGET_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  /** Bearer token Prometheus sends to /metrics; unset, /metrics answers 404. */
  TB_METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").max(512, "must be at most 512 characters").optional(),
});

export type Settings = ReturnType<typeof loadSettings>;

export function loadSettings(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`TenantBridge cannot start: invalid environment.\n${problems}`);
  }
  const e = parsed.data;
  if (e.TB_PORTAL_CLIENT_ASSERTION && e.TB_PORTAL_CLIENT_SECRET) {
    throw new Error(
      "TenantBridge cannot start: invalid environment.\n  TB_PORTAL_CLIENT_SECRET: set either it or TB_PORTAL_CLIENT_ASSERTION=managed-identity, not both",
    );
  }
  if (e.TB_PORTAL_CLIENT_ASSERTION && !e.TB_PORTAL_MI_CLIENT_ID) {
    throw new Error(
      "TenantBridge cannot start: invalid environment.\n  TB_PORTAL_MI_CLIENT_ID: required with TB_PORTAL_CLIENT_ASSERTION=managed-identity (the client id of the portal's managed identity)",
    );
  }
  const dataDir = path.resolve(e.TB_DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "tenantbridge.db")}`;
  return {
    env: e.NODE_ENV,
    dataDir,
    database: databaseUrl.startsWith("file:")
      ? ({ provider: "sqlite", file: path.resolve(databaseUrl.slice("file:".length)) } as const)
      : ({ provider: "postgresql", url: databaseUrl } as const),
    encryptionKeys: e.TB_ENCRYPTION_KEYS,
    authorityHost: e.AZURE_AUTHORITY_HOST,
    adoBaseUrl: e.TB_ADO_BASE_URL,
    graphBaseUrl: e.TB_GRAPH_BASE_URL,
    armBaseUrl: e.TB_ARM_BASE_URL,
    kustoExtraOrigins: e.TB_KUSTO_EXTRA_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean),
    sandbox: e.TB_SANDBOX === "1",
    portal: {
      clientId: e.TB_PORTAL_CLIENT_ID,
      tenantId: e.TB_PORTAL_TENANT_ID,
      clientSecret: e.TB_PORTAL_CLIENT_SECRET,
      /** The managed identity whose token is the portal app's client assertion, when set. */
      assertionMiClientId: e.TB_PORTAL_CLIENT_ASSERTION === "managed-identity" ? e.TB_PORTAL_MI_CLIENT_ID : undefined,
    },
    agent: {
      tenantId: e.TB_AGENT_TENANT_ID,
      miClientId: e.TB_AGENT_MI_CLIENT_ID,
      miPrincipalId: e.TB_AGENT_MI_PRINCIPAL_ID,
    },
    logLevel: e.TB_LOG_LEVEL,
    sessionHours: e.TB_SESSION_HOURS,
    popupTimeoutMs: e.TB_POPUP_TIMEOUT_MS,
    health: {
      schedulerEnabled: e.TB_SCHEDULER_ENABLED ? e.TB_SCHEDULER_ENABLED === "1" : e.NODE_ENV !== "test",
      checkIntervalSeconds: e.TB_CHECK_INTERVAL_SECONDS,
      checkConcurrency: e.TB_CHECK_CONCURRENCY,
      alertWebhookUrl: e.TB_ALERT_WEBHOOK_URL,
      alertWebhookSecret: e.TB_ALERT_WEBHOOK_SECRET,
      runRetentionDays: e.TB_RUN_RETENTION_DAYS,
    },
    validationBudgetMs: e.TB_VALIDATION_BUDGET_MS,
    metricsToken: e.TB_METRICS_TOKEN,
  };
}

let cached: Settings | undefined;

/** Settings of this process, validated on first use. */
export function settings(): Settings {
  cached ??= loadSettings();
  return cached;
}
