"use client";
// The edit dialog as loaded on demand by EditSourceButton: with the tab's TanStack Query client,
// and opened at once through its own Edit button (focused first, so closing the dialog returns
// focus there).
import { useEffect, useRef } from "react";
import { QueryProvider } from "@/lib/client/api/query-provider";
import type { SourceDto } from "@/lib/schemas/source";
import { EditSourceDialog } from "./edit-source-dialog";

export function OpenedEditSourceDialog({ source }: { source: SourceDto }) {
  const wrapper = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const button = wrapper.current?.querySelector<HTMLButtonElement>(":scope > button");
    button?.focus();
    button?.click();
  }, []);
  return (
    <QueryProvider>
      <span ref={wrapper} className="contents">
        <EditSourceDialog source={source} />
      </span>
    </QueryProvider>
  );
}
