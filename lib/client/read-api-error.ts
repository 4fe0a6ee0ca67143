// The portal API's error body ({ error: { message, fields, hint } }) as something a form can show.
export type ApiProblem = { message: string; hint?: string; fields: { field: string; message: string }[]; status: number };

export async function readApiError(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; hint?: string; fields?: { field: string; message: string }[] } } | null;
  return {
    message: body?.error?.message ?? `The portal answered ${response.status}.`,
    hint: body?.error?.hint,
    fields: body?.error?.fields ?? [],
    status: response.status,
  };
}
