import "server-only";
// OpenTelemetry traces over OTLP/HTTP, started by instrumentation.ts only when
// OTEL_EXPORTER_OTLP_ENDPOINT is set, so a portal without a collector never loads the SDK.
// Registering a global tracer provider is all Next.js needs: it emits its own spans (the request,
// the route handler, rendering) through @opentelemetry/api, and outbound-fetch.ts adds one span per
// call to Entra ID, Azure DevOps, Kusto, Graph or ARM. The exporter reads the endpoint, headers,
// timeout and TLS settings from the OTEL_EXPORTER_OTLP_* variables itself.
// The SDK is the 3.x line because it is the one that accepts @opentelemetry/api 1.10, the API
// Next.js 16 loads; it declares Node >= 22.15 while the image runs Node 20, where
// e2e/health/tracing.spec.ts exercises it. Moving the image to Node 22 closes that gap.
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type Span, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Settings } from "@/lib/server/settings";
import { currentRequestId } from "./request-context";

/** The attribute that carries the portal's request id (x-request-id, the id an operator quotes). */
export const REQUEST_ID_ATTRIBUTE = "tenantbridge.request_id";

// Next.js records the request target and its own fetches' URLs whole (in the span name too); a
// query string can carry an OAuth code or state, so it is cut before a span leaves the process.
const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "next.span_name"] as const;

export function withoutQuery(value: string): string {
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : value.slice(0, cut);
}

/** Tags every span with the request id being served and strips query strings from URLs. */
const requestSpanProcessor: SpanProcessor = {
  onStart(span: Span) {
    const requestId = currentRequestId();
    if (requestId) span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    for (const name of URL_ATTRIBUTES) {
      const value = span.attributes[name];
      if (typeof value === "string") span.setAttribute(name, withoutQuery(value));
    }
    // Next.js names its fetch spans "fetch GET <url>".
    if (/[?#]/.test(span.name)) span.updateName(withoutQuery(span.name));
  },
  onEnd(_span: ReadableSpan) {},
  forceFlush: async () => {},
  shutdown: async () => {},
};

const holder = globalThis as unknown as { tenantBridgeTracerProvider?: TracerProvider };

export function startTracing(tracing: NonNullable<Settings["tracing"]>): void {
  if (holder.tenantBridgeTracerProvider) return;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: tracing.serviceName }),
    spanProcessors: [requestSpanProcessor, new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: tracing.scheduleDelayMs })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // Next.js runs proxy.ts and the route in two passes and links them through a traceparent header
  // on the request, which needs a propagator; a proxy's incoming traceparent is honoured the same way.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  holder.tenantBridgeTracerProvider = provider;
}
