"use client";
// One QueryClient per browser tab, for every read and mutation of the portal's API (the pages that
// use it wrap themselves in QueryProvider: the others do not download TanStack Query). Reads retry
// twice, and only when the portal could not be reached or answered 5xx/429: a 4xx says what to fix
// and asking again would say the same. Mutations never retry (a POST may have taken effect), and
// nothing refetches on window focus: a form half filled in must not change under the operator.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiError } from "./client";

export function shouldRetryRead(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetryRead, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

let tabClient: QueryClient | undefined;

/** The tab's client, whichever layout provides it; a fresh one for each server render. */
function tabQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  tabClient ??= makeQueryClient();
  return tabClient;
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(tabQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
