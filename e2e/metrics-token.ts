/** The scrape token the e2e portal is started with (TB_METRICS_TOKEN) and e2e/health/probes.spec.ts sends; a test value. */
export const E2E_METRICS_TOKEN = "e2e-metrics-scrape-token-0001";
