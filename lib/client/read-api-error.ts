// The portal API's error body ({ error: { message, fields, hint } }) as something a form can show.
export type ApiProblem = { message: string; hint?: string; fields: { field: string; message: string }[]; status: number; related?: { href: string; label: string } };

export async function readApiError(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; hint?: string; fields?: { field: string; message: string }[]; related?: { href: string; label: string } } } | null;
  return {
    message: body?.error?.message ?? `The portal answered ${response.status}.`,
    hint: body?.error?.hint,
    fields: body?.error?.fields ?? [],
    status: response.status,
    // Only the portal's own pages: a link in an error is followed without a second look.
    related: body?.error?.related?.href.startsWith("/") && !body.error.related.href.startsWith("//") ? body.error.related : undefined,
  };
}
