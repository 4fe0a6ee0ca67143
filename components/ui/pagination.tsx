import { ButtonLink } from "@/components/ui/button";
import { ArrowLeft as ArrowLeftIcon, ArrowRight as ArrowRightIcon } from "lucide-react";

/** "Page 2 of 40 · 1,000 connectors" with previous and next links built by `href`. */
export function Pagination({ page, pageCount, total, noun, href }: { page: number; pageCount: number; total: number; noun: [string, string]; href: (page: number) => string }) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
      <span>
        Page {page} of {pageCount} · {total.toLocaleString("en")} {total === 1 ? noun[0] : noun[1]}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <ButtonLink href={href(page - 1)} variant="secondary" size="sm" icon={<ArrowLeftIcon size={16} />}>
            Previous
          </ButtonLink>
        ) : null}
        {page < pageCount ? (
          <ButtonLink href={href(page + 1)} variant="secondary" size="sm">
            Next
            <ArrowRightIcon size={16} />
          </ButtonLink>
        ) : null}
      </div>
    </nav>
  );
}
