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

// The Standard Webhooks format, which a receiver passes unchanged to `new Webhook(secret)`. A
// free-text secret (what this variable held before events were signed that way) is refused rather
// than reinterpreted: its receiver must change to verify the new headers anyway, and a start-up
// message is a clearer way to learn that than alerts rejected one by one.
const WEBHOOK_SECRET_FORMAT =
  "must be a Standard Webhooks secret: whsec_ followed by the base64 of 24 to 64 random bytes, the same value the receiver verifies with " +
  "(create one with: node -e \"console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))\")";

function isWebhookSecret(value: string): boolean {
  const encoded = value.startsWith("whsec_") ? value.slice("whsec_".length) : null;
  if (encoded === null || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return false;
  const bytes = Buffer.from(encoded, "base64").length;
  return bytes >= 24 && bytes <= 64;
}

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID");

/** An https URL template with one placeholder (in the host in Azure, in the path in the sandbox). */
const endpointTemplate = (placeholder: string) =>
  z
    .string()
    .refine((value) => value.startsWith("https://"), "must be an https:// URL")
    .refine((value) => value.split(placeholder).length === 2, `must contain ${placeholder} once`)
    .refine((value) => URL.canParse(value.replace(placeholder, "name")), "must be a URL once the name is filled in")
    .transform((value) => value.replace(/\/+$/, ""));

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The portal's public origin: http(s), no path, query or credentials. Production refuses http except on loopback. */
function parsePublicUrl(raw: string | undefined, port: number, nodeEnv: string): URL {
  const url = new URL(raw ?? `http://localhost:${port}`);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`TB_PUBLIC_URL: must be an http:// or https:// URL (got ${url.protocol})`);
  if (url.username || url.password) throw new Error("TB_PUBLIC_URL: must not contain credentials");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new Error("TB_PUBLIC_URL: must be an origin only (scheme, host and port), without a path, query or fragment");
  }
  // Cookies without Secure and redirect URIs over http would cross the network in clear text.
  if (url.protocol === "http:" && nodeEnv === "production" && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`TB_PUBLIC_URL: must be https:// in production (http is allowed only for localhost, 127.0.0.1 and [::1]); got ${url.origin}`);
  }
  return url;
}

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
  /** A storage account's blob endpoint, with {account} where the account name goes. */
  TB_STORAGE_BLOB_URL: endpointTemplate("{account}").default("https://{account}.blob.core.windows.net"),
  /** A key vault's endpoint, with {vault} where the vault name goes. */
  TB_KEY_VAULT_URL: endpointTemplate("{vault}").default("https://{vault}.vault.azure.net"),
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
  /**
   * The audience of the Entra access tokens agents send to POST /api/agent/token: the portal app's
   * application id URI. Tokens whose aud is the portal app's client id (v2 tokens) are accepted too.
   */
  TB_API_AUDIENCE: z.string().trim().min(1).max(400).optional(),
  TB_AGENT_TENANT_ID: guid.optional(),
  TB_AGENT_MI_CLIENT_ID: guid.optional(),
  TB_AGENT_MI_PRINCIPAL_ID: guid.optional(),
  /** The agent's multi-tenant app (whose federated credential trusts the identity); Settings can override it. */
  TB_AGENT_APP_CLIENT_ID: guid.optional(),
  /** The port `next start` listens on; only the default of TB_PUBLIC_URL uses it here. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The one origin of the portal as browsers reach it (behind a reverse proxy: the proxy's). */
  TB_PUBLIC_URL: z.string().trim().url("must be a URL such as https://portal.example.com").optional(),
  /**
   * How many reverse proxies in front of the portal append to X-Forwarded-For (0: none; the header
   * is then ignored). Only the client address for logs and rate limits comes from it; the origin,
   * the scheme and the cookie flags come from TB_PUBLIC_URL alone.
   */
  TB_TRUST_PROXY: z.coerce.number().int().min(0, "must be a number of proxy hops (0 to 10)").max(10, "must be a number of proxy hops (0 to 10)").default(0),
  TB_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** How long an operator session lasts after sign-in. */
  TB_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** How long the browser waits for a sign-in popup before giving up (MSAL's popupBridgeTimeout). */
  TB_POPUP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Scheduled re-validation of every connector in this process; off under Vitest unless set. */
  TB_SCHEDULER_ENABLED: z.enum(["0", "1"]).optional(),
  /** How often each connector is checked (a jitter of up to 10% spreads the load). */
  TB_CHECK_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(60, "must be at least 60")
    .max(7 * 24 * 3600, "must be at most a week")
    .default(900),
  /** Connectors checked at the same time by this process. */
  TB_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Optional webhook for state changes (https to a public address); checked at start by lib/server/alerts. */
  TB_ALERT_WEBHOOK_URL: z.string().trim().url("must be a URL").optional(),
  /** Standard Webhooks signing secret: whsec_ and the base64 of 24 to 64 random bytes. */
  TB_ALERT_WEBHOOK_SECRET: z.string().trim().refine(isWebhookSecret, WEBHOOK_SECRET_FORMAT).optional(),
  /** Sandbox only: let the webhook reach this machine (loopback), where the demo and tests receive it. */
  TB_ALERT_WEBHOOK_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
  /** Validation runs older than this are deleted (the latest run of each connector is kept). */
  TB_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * How much V8 lets this process's heap grow past what the last full collection kept (percent;
   * 0 leaves it to V8, which allows up to 300 on a host with plenty of memory). See
   * lib/server/startup/heap-growth.ts.
   */
  TB_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(300).default(100),
  /** How long one permission validation (all its calls to Azure DevOps together) may take. */
  TB_VALIDATION_BUDGET_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  /** Consecutive unanswered calls (5xx, timeouts, connection errors) that open an upstream's circuit breaker. */
  TB_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** How long an open breaker fails fast before it lets one probe call through (half-open). */
  TB_BREAKER_HALF_OPEN_SECONDS: z.coerce.number().min(0.5).max(3600).default(30),
  /**
   * After a change to a connector (saved settings, a created federated credential, a sign-in), how
   * long a chain test keeps retrying an error that Entra's propagation delay explains; 0 turns it off.
   */
  TB_PROPAGATION_RETRY_SECONDS: z.coerce.number().min(0).max(900).default(180),
  /** How long after such a change an error is still read as possibly propagation. */
  TB_PROPAGATION_WINDOW_SECONDS: z.coerce.number().min(0).max(3600).default(600),
  /** Live lists (projects, repositories, areas) one operator may load: burst, then per minute. */
  TB_LIVE_LIST_BURST: z.coerce.number().int().min(1).max(1000).default(20),
  TB_LIVE_LIST_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(30),
  /** Bearer token Prometheus sends to /metrics; unset, /metrics answers 404. */
  TB_METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").max(512, "must be at most 512 characters").optional(),
  // OpenTelemetry's own variables: its exporter reads them too, but a typo should stop the start
  // with the variable named rather than lose every trace without a word.
  /** Set: traces go to this OTLP/HTTP collector (the exporter appends /v1/traces); unset, no OpenTelemetry code loads. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .trim()
      .url("must be a URL such as http://otel-collector:4318")
      .refine((value) => /^https?:\/\//.test(value), "must be an http:// or https:// URL (OTLP over HTTP)")
      .optional(),
  ),
  /** The exporter in use speaks OTLP/HTTP with JSON bodies only; any other protocol would be ignored silently. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/json"], "must be http/json (the portal exports OTLP over HTTP with JSON bodies)").optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(256).default("tenantbridge"),
  /** Milliseconds between two exports of finished spans. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).max(600_000).default(5000),
});

export type Settings = ReturnType<typeof loadSettings>;

export function loadSettings(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`TenantBridge cannot start: invalid environment.\n${problems}`);
  }
  const e = parsed.data;
  let publicUrl: URL;
  try {
    publicUrl = parsePublicUrl(e.TB_PUBLIC_URL, e.PORT, e.NODE_ENV);
  } catch (error) {
    throw new Error(`TenantBridge cannot start: invalid environment.\n  ${error instanceof Error ? error.message : String(error)}`);
  }
  if (e.TB_PORTAL_CLIENT_ASSERTION && e.TB_PORTAL_CLIENT_SECRET) {
    throw new Error("TenantBridge cannot start: invalid environment.\n  TB_PORTAL_CLIENT_SECRET: set either it or TB_PORTAL_CLIENT_ASSERTION=managed-identity, not both");
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
    database: databaseUrl.startsWith("file:") ? ({ provider: "sqlite", file: path.resolve(databaseUrl.slice("file:".length)) } as const) : ({ provider: "postgresql", url: databaseUrl } as const),
    encryptionKeys: e.TB_ENCRYPTION_KEYS,
    authorityHost: e.AZURE_AUTHORITY_HOST,
    adoBaseUrl: e.TB_ADO_BASE_URL,
    graphBaseUrl: e.TB_GRAPH_BASE_URL,
    armBaseUrl: e.TB_ARM_BASE_URL,
    storageBlobUrl: e.TB_STORAGE_BLOB_URL,
    keyVaultUrl: e.TB_KEY_VAULT_URL,
    kustoExtraOrigins: e.TB_KUSTO_EXTRA_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    sandbox: e.TB_SANDBOX === "1",
    portal: {
      clientId: e.TB_PORTAL_CLIENT_ID,
      tenantId: e.TB_PORTAL_TENANT_ID,
      clientSecret: e.TB_PORTAL_CLIENT_SECRET,
      /** The managed identity whose token is the portal app's client assertion, when set. */
      assertionMiClientId: e.TB_PORTAL_CLIENT_ASSERTION === "managed-identity" ? e.TB_PORTAL_MI_CLIENT_ID : undefined,
    },
    /** Audiences accepted on agent tokens: TB_API_AUDIENCE (default api://<portal client id>) and the client id. */
    apiAudiences: [e.TB_API_AUDIENCE ?? (e.TB_PORTAL_CLIENT_ID ? `api://${e.TB_PORTAL_CLIENT_ID}` : undefined), e.TB_PORTAL_CLIENT_ID].filter((value): value is string => Boolean(value)),
    agent: {
      tenantId: e.TB_AGENT_TENANT_ID,
      miClientId: e.TB_AGENT_MI_CLIENT_ID,
      miPrincipalId: e.TB_AGENT_MI_PRINCIPAL_ID,
      appClientId: e.TB_AGENT_APP_CLIENT_ID,
    },
    /** The portal's origin (no trailing slash): writes must come from it, redirect URIs start with it. */
    publicOrigin: publicUrl.origin,
    /** Secure cookies and the __Host- prefix follow the public scheme, never a request header. */
    secureCookies: publicUrl.protocol === "https:",
    trustProxyHops: e.TB_TRUST_PROXY,
    logLevel: e.TB_LOG_LEVEL,
    sessionHours: e.TB_SESSION_HOURS,
    popupTimeoutMs: e.TB_POPUP_TIMEOUT_MS,
    health: {
      schedulerEnabled: e.TB_SCHEDULER_ENABLED ? e.TB_SCHEDULER_ENABLED === "1" : e.NODE_ENV !== "test",
      checkIntervalSeconds: e.TB_CHECK_INTERVAL_SECONDS,
      checkConcurrency: e.TB_CHECK_CONCURRENCY,
      alertWebhookUrl: e.TB_ALERT_WEBHOOK_URL,
      alertWebhookSecret: e.TB_ALERT_WEBHOOK_SECRET,
      alertWebhookAllowLoopback: e.TB_ALERT_WEBHOOK_ALLOW_LOOPBACK === "1",
      runRetentionDays: e.TB_RUN_RETENTION_DAYS,
    },
    heapGrowthPercent: e.TB_HEAP_GROWTH_PERCENT,
    validationBudgetMs: e.TB_VALIDATION_BUDGET_MS,
    breaker: { failures: e.TB_BREAKER_FAILURES, halfOpenAfterMs: Math.round(e.TB_BREAKER_HALF_OPEN_SECONDS * 1000) },
    liveLists: { burst: e.TB_LIVE_LIST_BURST, perMinute: e.TB_LIVE_LIST_PER_MINUTE },
    propagation: { retryMs: Math.round(e.TB_PROPAGATION_RETRY_SECONDS * 1000), windowMs: Math.round(e.TB_PROPAGATION_WINDOW_SECONDS * 1000) },
    metricsToken: e.TB_METRICS_TOKEN,
    /** OpenTelemetry traces, on when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT ? { serviceName: e.OTEL_SERVICE_NAME, scheduleDelayMs: e.OTEL_BSP_SCHEDULE_DELAY } : undefined,
  };
}

let cached: Settings | undefined;

/** Tests that change the environment (TB_PUBLIC_URL…) read it again with this. */
export function resetSettingsForTests(): void {
  cached = undefined;
}

/** Settings of this process, validated on first use. */
export function settings(): Settings {
  cached ??= loadSettings();
  return cached;
}
