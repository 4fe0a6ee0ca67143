import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/local-time";
import type { AuditEventDto } from "@/lib/schemas/audit";
import { auditHref } from "./audit-href";
import { targetTypeLabels } from "./audit-filters";

/** Non-secret details as "key: value" lines; values were redacted when the event was recorded. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details).filter(([, value]) => value !== null && value !== undefined && value !== "");
  if (entries.length === 0) return null;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">Details</summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs text-slate-700">
        {entries.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-600">{key}</dt>
            <dd className="break-all">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function AuditTable({ items, now }: { items: AuditEventDto[]; now: Date }) {
  return (
    <Table>
      <caption className="sr-only">Audit events, newest first</caption>
      <TableHead>
        <tr>
          <TableHeaderCell className="w-44">When</TableHeaderCell>
          <TableHeaderCell>Who</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>What happened</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {items.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="whitespace-nowrap">
              <Time iso={event.at} format="relative" now={now} className="text-slate-800" />
              <div className="text-xs text-slate-600">
                <Time iso={event.at} />
              </div>
            </TableCell>
            <TableCell className="min-w-36">
              <Link href={auditHref({ actor: event.actorId })} className="font-medium text-slate-900 hover:underline">
                {event.actorName}
              </Link>
              {event.actorId === "system" ? <div className="text-xs text-slate-600">Scheduled</div> : null}
            </TableCell>
            <TableCell>
              <Link href={auditHref({ action: event.action })} className="font-mono text-xs whitespace-nowrap text-slate-800 hover:underline">
                {event.action}
              </Link>
              <div className="text-xs text-slate-600">
                {targetTypeLabels[event.targetType as keyof typeof targetTypeLabels] ?? event.targetType}
                {event.targetId ? (
                  <>
                    {" "}
                    <Link href={auditHref({ targetId: event.targetId })} className="font-mono hover:underline" title="Only this target">
                      {event.targetId.slice(0, 10)}…
                    </Link>
                  </>
                ) : null}
              </div>
            </TableCell>
            <TableCell className="max-w-xl">
              <div className="text-slate-800">{event.summary}</div>
              <Details details={event.details} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
