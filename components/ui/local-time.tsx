"use client";
// One way to show a time: in the operator's own time zone, with the UTC time on hover (a title:
// a tooltip library would add about 20 kB of JavaScript to every page that shows a time). The
// server does not know the operator's zone, so the first render (on the server and at hydration)
// is the UTC time; the browser then switches it to its own zone.
import { useSyncExternalStore } from "react";
import { formatAbsolute, formatDate, formatRelative } from "@/components/ui/time";

type Format = "relative" | "absolute" | "date";

const local = {
  absolute: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }),
  date: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }),
  zone: new Intl.DateTimeFormat("en-GB", { timeZoneName: "short" }),
};

const noSubscription = () => () => {};

/** "22 Nov 2026, 22:30 CET" in the browser's time zone. */
function formatLocal(iso: string, format: "absolute" | "date"): string {
  const date = new Date(iso);
  if (format === "date") return local.date.format(date);
  const zone = local.zone.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? "";
  return `${local.absolute.format(date)} ${zone}`.trim();
}

/**
 * `iso` shown as "3 hours ago" (relative, against the server's `now` so both renders agree), as
 * "22 Nov 2026, 22:30 CET" (absolute) or as "22 Nov 2026" (date), in the operator's time zone.
 */
export function Time({ iso, format = "absolute", now, className }: { iso: string; format?: Format; now?: Date | string; className?: string }) {
  // false on the server and while hydrating, true once the page runs in the browser.
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const utc = formatAbsolute(iso);
  const text = format === "relative" ? formatRelative(iso, now ? new Date(now) : new Date()) : inBrowser ? formatLocal(iso, format) : format === "date" ? formatDate(iso) : utc;
  const hover = inBrowser && format !== "absolute" ? `${formatLocal(iso, "absolute")} · ${utc}` : utc;
  return (
    <time dateTime={iso} title={hover} suppressHydrationWarning className={className}>
      {text}
    </time>
  );
}
