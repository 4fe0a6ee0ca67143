// Types for the helpers next.config.js exports beside its config (proxy.ts imports them).
import type { NextConfig } from "next";

declare function nextConfig(phase: string): NextConfig;
declare namespace nextConfig {
  function authorityOrigin(env?: NodeJS.ProcessEnv): string;
  function contentSecurityPolicy(options?: { nonce?: string; dev?: boolean; env?: NodeJS.ProcessEnv }): string;
  const popupRedirectBridge: string;
}
export = nextConfig;
