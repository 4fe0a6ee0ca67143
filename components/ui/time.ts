// Time formatting in UTC: what the server renders before the browser knows the operator's time
// zone, and what <Time> (local-time.tsx) shows on hover next to the operator's local time.
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago", "in 5 days", "now". */
export function formatRelative(iso: string, now: Date): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "22 Nov 2026, 21:30 UTC". */
export function formatAbsolute(iso: string): string {
  return `${absolute.format(new Date(iso))} UTC`;
}

/** "22 Nov 2026". */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** Whole days from now until iso (negative when it is in the past). */
export function daysUntil(iso: string, now: Date): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / (24 * 3600 * 1000));
}
