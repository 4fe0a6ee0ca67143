"use client";
// Agent identities: the workload identities (a managed identity's tenant and principal id) that
// may call the token API, and the organizations and Kusto databases each may use. Assignments are
// typed one per line: an organization name, or a cluster URL and a database separated by a space;
// the forms map the lines to the handler's list and check them with the handler's schemas, loaded
// with a form's first check, not with the page.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm, type Path, type UseFormRegisterReturn, type UseFormSetError } from "react-hook-form";
import type { AgentIdentityDto, CreateAgentIdentityInput, UpdateAgentIdentityInput } from "@/lib/schemas/agent-access";
import { ApiError, problemOf, type ApiProblem } from "@/lib/client/api/client";
import { FormProblem, placeFieldProblems } from "@/components/ui/form";
import { agentAccessApi } from "@/lib/client/api/agent-access";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { resolverLoadedOnUse } from "@/components/ui/resolver-loaded-on-use";
import { assignmentText, lineProblem } from "./assignment-lines";
import type { RegisterIdentityFields } from "./agent-identity-form-schema";

const inputClasses = "mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid]:ring-red-600";

type RegisterForm = RegisterIdentityFields;
const registerFields = ["tenantId", "principalId", "displayName"] as const;
// The checks (zod and the handler's schemas) load with a form's first check, not with the page.
const registerResolver = resolverLoadedOnUse(() => import("./agent-identity-form-schema").then((module) => module.registerIdentityResolver));

/** Puts the portal's field problems on the form's fields (one of the assignments on its line); returns the problem when none matched. */
function placeProblem<T extends { assignments: string }>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): ApiProblem | null {
  const problem = ApiError.from(error).toProblem();
  const onLines = problem.fields.map((issue) => {
    const [head, ...rest] = issue.field.split(".");
    return head === "assignments" && rest.length > 0 ? { field: head, message: lineProblem(rest, issue.message) } : issue;
  });
  return placeFieldProblems({ fields: onLines }, setError, [...fields, "assignments" as Path<T>]) ? null : problem;
}

function AssignmentsField({ id, field, error }: { id: string; field: UseFormRegisterReturn<"assignments">; error?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        May use
      </label>
      <p id={`${id}-help`} className="mt-1 text-sm text-slate-600">
        One per line: an Azure DevOps organization (<code className="font-mono text-[13px]">litware</code>), or a Kusto cluster URL and database (
        <code className="font-mono text-[13px]">https://help.kusto.windows.net Samples</code>).
      </p>
      <textarea
        id={id}
        rows={3}
        {...field}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
        className={`${inputClasses} font-mono`}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function EditAssignments({ identity, onDone }: { identity: AgentIdentityDto; onDone: () => void }) {
  const id = useId();
  const form = useForm<{ assignments: string }, unknown, UpdateAgentIdentityInput>({
    resolver: resolverLoadedOnUse(() => import("./agent-identity-form-schema").then((module) => module.editAssignmentsResolver(identity.version))),
    defaultValues: { assignments: assignmentText(identity) },
  });
  const saving = form.formState.isSubmitting;
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  async function save(body: UpdateAgentIdentityInput) {
    setProblem(null);
    try {
      await agentAccessApi.updateIdentity(identity.id, body);
    } catch (error) {
      return setProblem(placeProblem(error, form.setError, []));
    }
    onDone();
  }

  return (
    <form onSubmit={form.handleSubmit(save)} className="space-y-3" noValidate>
      <AssignmentsField id={id} field={form.register("assignments")} error={form.formState.errors.assignments?.message} />
      <FormProblem problem={problem} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function AgentIdentitiesPanel({
  identities,
  prefill,
  audience,
}: {
  identities: AgentIdentityDto[];
  prefill: { tenantId?: string; principalId?: string };
  /** The resource agents ask their managed identity endpoint for (TB_API_AUDIENCE). */
  audience: string | undefined;
}) {
  const router = useRouter();
  const tenantId = useId();
  const principalId = useId();
  const nameId = useId();
  const assignmentsId = useId();
  const defaults: RegisterForm = { tenantId: prefill.tenantId ?? "", principalId: prefill.principalId ?? "", displayName: "", assignments: "" };
  const form = useForm<RegisterForm, unknown, CreateAgentIdentityInput>({ resolver: registerResolver, defaultValues: defaults });
  const saving = form.formState.isSubmitting;
  const { errors } = form.formState;
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  async function registerIdentity(body: CreateAgentIdentityInput) {
    setProblem(null);
    try {
      await agentAccessApi.createIdentity(body);
    } catch (error) {
      return setProblem(placeProblem(error, form.setError, registerFields));
    }
    form.reset({ tenantId: "", principalId: "", displayName: "", assignments: "" });
    router.refresh();
  }

  async function remove(identity: AgentIdentityDto) {
    setRemoving(identity.id);
    setProblem(null);
    const failure = await problemOf(agentAccessApi.removeIdentity(identity.id, identity.version));
    setRemoving(null);
    if (failure) setProblem(failure);
    router.refresh();
  }

  const field = (id: string, name: "tenantId" | "principalId" | "displayName", label: string, help: string) => (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={id}
        {...form.register(name)}
        // The server renders the prefilled value; what is typed before the page comes alive is kept.
        defaultValue={defaults[name]}
        spellCheck={false}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`${id}-help${errors[name] ? ` ${id}-error` : ""}`}
        className={`${inputClasses} font-mono`}
      />
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
        {help}
      </p>
      {errors[name] ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-800">
          {label} {errors[name].message}.
        </p>
      ) : null}
    </div>
  );

  return (
    <Card>
      <CardHeader
        title="Agent identities"
        description={
          <>
            Workload identities that may call <code className="font-mono text-[13px]">POST /api/agent/token</code> with an Entra ID token for this portal&apos;s API
            {audience ? (
              <>
                {" "}
                (resource <code className="font-mono text-[13px]">{audience}</code>)
              </>
            ) : null}
            , and what each may use.
          </>
        }
      />
      {identities.length > 0 ? (
        <Table>
          <caption className="sr-only">Agent identities</caption>
          <TableHead>
            <tr>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Tenant and principal id</TableHeaderCell>
              <TableHeaderCell>May use</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {identities.map((identity) => (
              <TableRow key={identity.id}>
                <TableCell className="font-medium text-slate-900">{identity.displayName}</TableCell>
                <TableCell>
                  <div className="font-mono text-xs">{identity.tenantId}</div>
                  <div className="font-mono text-xs">{identity.principalId}</div>
                </TableCell>
                <TableCell>
                  {editing === identity.id ? (
                    <EditAssignments
                      identity={identity}
                      onDone={() => {
                        setEditing(null);
                        router.refresh();
                      }}
                    />
                  ) : identity.assignments.length > 0 ? (
                    <ul className="space-y-0.5">
                      {identity.assignments.map((assignment) => (
                        <li key={assignment.kind === "ado" ? assignment.organization : `${assignment.clusterUrl}/${assignment.database}`}>
                          {assignment.kind === "ado" ? (
                            <>Azure DevOps: {assignment.organization}</>
                          ) : (
                            <>
                              Kusto: {assignment.database} on <span className="font-mono text-xs">{assignment.clusterUrl}</span>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-600">Nothing yet</span>
                  )}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap">
                  {editing === identity.id ? null : (
                    <div className="flex justify-end gap-2">
                      <Button variant="secondary" size="sm" onClick={() => setEditing(identity.id)} aria-label={`Edit what ${identity.displayName} may use`}>
                        Edit
                      </Button>
                      <Button variant="secondary" size="sm" disabled={removing === identity.id} onClick={() => remove(identity)} aria-label={`Remove ${identity.displayName}`}>
                        {removing === identity.id ? "Removing…" : "Remove"}
                      </Button>
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <CardBody className="space-y-4 border-t border-slate-200">
        <h3 className="text-sm font-semibold text-slate-900">Register an identity</h3>
        <form onSubmit={form.handleSubmit(registerIdentity)} className="space-y-4" noValidate autoComplete="off">
          <div className="grid gap-4 sm:grid-cols-3">
            {field(tenantId, "tenantId", "Tenant id", "The identity's home tenant (the token's tid).")}
            {field(principalId, "principalId", "Principal id", "The managed identity's object (principal) id, not its client id.")}
            {field(nameId, "displayName", "Display name", "Optional, shown in the audit log.")}
          </div>
          <AssignmentsField id={assignmentsId} field={form.register("assignments")} error={errors.assignments?.message} />
          <FormProblem problem={problem} />
          <Button type="submit" disabled={saving || !form.formState.isReady}>
            {saving ? "Registering…" : "Register identity"}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
