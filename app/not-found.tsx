import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { LogoMark } from "@/components/shell/logo";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center px-6 text-center">
      <LogoMark size={40} />
      <p className="mt-6 text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">This page does not exist</h1>
      <p className="mt-2 max-w-md text-sm leading-6 text-slate-600">The address may be mistyped, or the connector or source it pointed to was removed.</p>
      <ButtonLink href="/connectors" className="mt-6">
        Go to connectors
      </ButtonLink>
    </main>
  );
}
