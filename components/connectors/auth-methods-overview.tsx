import { KeyRound as KeyIcon, ShieldCheck as ShieldIcon, User as UserIcon } from "lucide-react";
import type { ReactNode } from "react";

const methods: Array<{ step: string; title: string; body: string; icon: ReactNode }> = [
  {
    step: "Validate",
    title: "OAuth sign-in",
    body: "Sign in as a user of the target organization to see within a minute what the agent would be able to do there.",
    icon: <UserIcon size={18} />,
  },
  {
    step: "Run in production",
    title: "Managed identity + federated credential",
    body: "The agent's managed identity signs in to the other tenant through a multi-tenant app: no secret to store, nothing to rotate.",
    icon: <ShieldIcon size={18} />,
  },
  {
    step: "Fallback",
    title: "Personal access token",
    body: "Only when the other two are not possible: a PAT belongs to one person, expires, and must be renewed by hand.",
    icon: <KeyIcon size={18} />,
  },
];

/** The three ways to connect, one sentence each. */
export function AuthMethodsOverview() {
  return (
    <ol className="grid gap-3 text-left sm:grid-cols-3">
      {methods.map((method, index) => (
        <li key={method.title} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <div className="flex items-center gap-2">
            <span className="flex size-8 items-center justify-center rounded-md bg-indigo-50 text-indigo-700" aria-hidden="true">
              {method.icon}
            </span>
            <span className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">
              {index + 1}. {method.step}
            </span>
          </div>
          <h3 className="mt-3 text-sm font-semibold text-slate-900">{method.title}</h3>
          <p className="mt-1 text-sm leading-6 text-slate-600">{method.body}</p>
        </li>
      ))}
    </ol>
  );
}
