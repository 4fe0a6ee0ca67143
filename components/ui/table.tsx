import type { ComponentProps } from "react";
import { cx } from "./cx";

/** A table that scrolls sideways inside its card instead of breaking the page on narrow screens. */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto">
      <table className={cx("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableHead(props: ComponentProps<"thead">) {
  return <thead className="border-b border-slate-200 bg-slate-50/80" {...props} />;
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-slate-200" {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cx("align-top hover:bg-slate-50/70", className)} {...props} />;
}

export function TableHeaderCell({ className, ...props }: ComponentProps<"th">) {
  return <th scope="col" className={cx("px-3 py-2.5 text-xs font-semibold tracking-wide text-slate-600 uppercase first:pl-4 last:pr-4", className)} {...props} />;
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("px-3 py-3 text-slate-700 first:pl-4 last:pr-4", className)} {...props} />;
}
