// Vitest runs server modules directly; the "server-only" guard is for the Next.js bundler,
// which refuses client imports of lib/server. Under Vitest there is no client bundle.
export {};
