"use client";
// API tokens for automation: create one (shown once, here, right after it is created), see which
// exist with their scope, expiry and last use, and revoke one. The portal keeps only a hash.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { ApiTokenDto, CreateApiTokenInput } from "@/lib/schemas/agent-access";
import { problemOf, type ApiProblem } from "@/lib/client/api/client";
import { applyApiError, FormProblem } from "@/components/ui/form";
import { agentAccessApi } from "@/lib/client/api/agent-access";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/local-time";
import { resolverLoadedOnUse } from "@/components/ui/resolver-loaded-on-use";
import type { ApiTokenFields } from "./api-token-form-schema";

const inputClasses = "mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid]:ring-red-600";

const stateTone = { active: "success", expired: "warning", revoked: "neutral" } as const;
// The check (zod and the handler's schema) loads with the form's first check, not with the page.
const resolver = resolverLoadedOnUse(() => import("./api-token-form-schema").then((module) => module.apiTokenResolver));

export function ApiTokensPanel({ tokens, portalOrigin }: { tokens: ApiTokenDto[]; portalOrigin: string }) {
  const router = useRouter();
  const nameId = useId();
  const scopeId = useId();
  const daysId = useId();
  const form = useForm<ApiTokenFields, unknown, CreateApiTokenInput>({
    resolver,
    defaultValues: { name: "", scope: "read", expiresInDays: 30 },
  });
  const saving = form.formState.isSubmitting;
  const nameMessage = form.formState.errors.name?.message;
  const nameError = nameMessage ? `The token name ${nameMessage}.` : undefined;
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);

  async function create(values: CreateApiTokenInput) {
    setProblem(null);
    setCreated(null);
    try {
      const body = await agentAccessApi.createToken(values);
      setCreated({ name: body.apiToken.name, token: body.token });
      setCopied(false);
      form.reset({ ...values, name: "" });
      router.refresh();
    } catch (error) {
      setProblem(applyApiError(error, form.setError, ["name"]));
    }
  }

  async function revoke(token: ApiTokenDto) {
    setRevoking(token.id);
    setProblem(null);
    const failure = await problemOf(agentAccessApi.revokeToken(token.id));
    setRevoking(null);
    if (failure) setProblem(failure);
    router.refresh();
  }

  async function copy() {
    if (!created) return;
    await navigator.clipboard.writeText(created.token).catch(() => undefined);
    setCopied(true);
  }

  const now = new Date();
  return (
    <Card>
      <CardHeader
        title="API tokens"
        description={
          <>
            For CI and infrastructure as code: send <code className="font-mono text-[13px]">Authorization: Bearer tb_…</code> to the HTTP API. Read tokens have the reader role&apos;s permissions;
            write tokens an administrator&apos;s, except managing agent access. Only a hash is stored.
          </>
        }
      />
      <CardBody className="space-y-4">
        {created ? (
          <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            <p className="font-semibold">Token &apos;{created.name}&apos; created. Copy it now: it is not shown again.</p>
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={`${nameId}-created`} className="sr-only">
                The new API token
              </label>
              <input
                id={`${nameId}-created`}
                readOnly
                value={created.token}
                onFocus={(event) => event.target.select()}
                className="block w-full max-w-xl rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-300 ring-inset"
              />
              <Button variant="secondary" size="sm" onClick={copy}>
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p>
              Try it: <code className="font-mono text-[13px] break-all">curl -H &quot;Authorization: Bearer $TB_TOKEN&quot; {portalOrigin}/api/connectors</code>
            </p>
          </div>
        ) : null}
        <form onSubmit={form.handleSubmit(create)} className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" noValidate autoComplete="off">
          <div>
            <label htmlFor={nameId} className="block text-sm font-medium text-slate-900">
              Token name
            </label>
            <input
              id={nameId}
              {...form.register("name")}
              maxLength={64}
              placeholder="terraform-prod"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${nameId}-error` : undefined}
              className={inputClasses}
            />
          </div>
          <div>
            <label htmlFor={scopeId} className="block text-sm font-medium text-slate-900">
              Scope
            </label>
            <select id={scopeId} {...form.register("scope")} className={inputClasses}>
              <option value="read">Read</option>
              <option value="write">Write</option>
            </select>
          </div>
          <div>
            <label htmlFor={daysId} className="block text-sm font-medium text-slate-900">
              Expires in
            </label>
            <select id={daysId} {...form.register("expiresInDays", { valueAsNumber: true })} className={inputClasses}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">1 year</option>
            </select>
          </div>
          <Button type="submit" disabled={saving || !form.formState.isReady}>
            {saving ? "Creating…" : "Create token"}
          </Button>
        </form>
        {nameError ? (
          <p id={`${nameId}-error`} role="alert" className="text-sm text-red-800">
            {nameError}
          </p>
        ) : null}
        <FormProblem problem={problem} />
      </CardBody>
      {tokens.length > 0 ? (
        <Table>
          <caption className="sr-only">API tokens</caption>
          <TableHead>
            <tr>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Scope</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Ends in</TableHeaderCell>
              <TableHeaderCell>Expires</TableHeaderCell>
              <TableHeaderCell>Last used</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {tokens.map((token) => {
              const state = token.state === "active" && Date.parse(token.expiresAt) <= now.getTime() ? "expired" : token.state;
              return (
                <TableRow key={token.id}>
                  <TableCell className="font-medium text-slate-900">
                    {token.name}
                    <div className="text-xs font-normal text-slate-600">by {token.createdByName}</div>
                  </TableCell>
                  <TableCell>{token.scope === "write" ? "Write" : "Read"}</TableCell>
                  <TableCell>
                    <Badge tone={stateTone[state]}>{state === "active" ? "Active" : state === "expired" ? "Expired" : "Revoked"}</Badge>
                  </TableCell>
                  <TableCell>
                    <code className="font-mono text-[13px]">…{token.last4}</code>
                  </TableCell>
                  <TableCell>
                    <Time iso={token.expiresAt} format="date" />
                  </TableCell>
                  <TableCell>{token.lastUsedAt ? <Time iso={token.lastUsedAt} format="date" /> : "Never"}</TableCell>
                  <TableCell className="text-right">
                    {state === "active" ? (
                      <Button variant="secondary" size="sm" disabled={revoking === token.id} onClick={() => revoke(token)} aria-label={`Revoke ${token.name}`}>
                        {revoking === token.id ? "Revoking…" : "Revoke"}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <CardBody>
          <p className="text-sm text-slate-600">No API tokens yet.</p>
        </CardBody>
      )}
    </Card>
  );
}
