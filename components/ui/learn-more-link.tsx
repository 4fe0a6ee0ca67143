// "AADSTS700213 on Microsoft Learn": the documentation page of a decoded error's code, shown with its fix.
import { learnLinkFor } from "@/lib/client/learn-link";

export function LearnMoreLink({ code, className }: { code: string | null | undefined; className?: string }) {
  const link = learnLinkFor(code);
  if (!link) return null;
  return (
    <p className={className ?? "text-slate-700"}>
      <a href={link.href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline underline-offset-2" data-testid="learn-link">
        {link.label}
        <span className="sr-only"> (opens in a new window)</span>
      </a>
    </p>
  );
}
