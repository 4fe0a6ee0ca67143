import type { ReactNode } from "react";
import { QueryProvider } from "@/lib/client/api/query-provider";

// TanStack Query for the pages below that read through it; the other pages load without it.
export default function QueryLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
