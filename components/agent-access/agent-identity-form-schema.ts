// The agent identity forms' checks, loaded with a form's first check rather than with the page:
// the assignments line by line with the handler's target schema, and the tenant and principal ids
// with the handler's own field schemas, so their problems show together with a bad line.
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { agentTargetSchema, createAgentIdentitySchema, updateAgentIdentitySchema } from "@/lib/schemas/agent-access";
import { lineProblem, parseAssignments } from "./assignment-lines";

/** The textarea, one target per line, checked line by line with the handler's target schema. */
const assignmentsText = z.string().superRefine((text, context) => {
  const result = z.array(agentTargetSchema).safeParse(parseAssignments(text));
  const issue = result.error?.issues[0];
  if (issue) context.addIssue({ code: "custom", message: lineProblem(issue.path, issue.message) });
});

const registerFormSchema = z
  .object({ tenantId: createAgentIdentitySchema.shape.tenantId, principalId: createAgentIdentitySchema.shape.principalId, displayName: z.string(), assignments: assignmentsText })
  .transform((form): z.input<typeof createAgentIdentitySchema> => ({
    tenantId: form.tenantId,
    principalId: form.principalId,
    ...(form.displayName.trim() ? { displayName: form.displayName } : {}),
    assignments: parseAssignments(form.assignments),
  }))
  .pipe(createAgentIdentitySchema);

export type RegisterIdentityFields = z.input<typeof registerFormSchema>;

const editFormSchema = (version: number) =>
  z
    .object({ assignments: assignmentsText })
    .transform((form): z.input<typeof updateAgentIdentitySchema> => ({ version, assignments: parseAssignments(form.assignments) }))
    .pipe(updateAgentIdentitySchema);

export const registerIdentityResolver = zodResolver(registerFormSchema);

export function editAssignmentsResolver(version: number) {
  return zodResolver(editFormSchema(version));
}
