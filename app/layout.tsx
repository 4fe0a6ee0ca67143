import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TenantBridge", template: "%s · TenantBridge" },
  description: "Configure cross-tenant Azure DevOps and Kusto connectors for your automation agent.",
  // An operator console: nothing here should be indexed.
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page per request: Next.js can only put proxy.ts's CSP nonce on its scripts
  // when it renders dynamically, and settings must come from the running environment, not the build.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
