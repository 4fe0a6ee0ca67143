import "server-only";
// POST _apis/security/permissionevaluationbatch: evaluates permissions for the calling identity
// (so it is called with the connector's own credential), one answer per evaluation, in order,
// without short-circuiting. alwaysAllowAdministrators is false so that an administrator's
// standing does not hide a missing grant.
import { z } from "zod";
import type { AdoGetOptions, AdoResult } from "@/lib/server/ado/ado-get";
import { adoPost } from "./ado-post";

export type PermissionEvaluation = { securityNamespaceId: string; token: string; permissions: number };

const batchAnswerSchema = z.object({ evaluations: z.array(z.object({ value: z.boolean() })) });

export async function evaluatePermissions(options: Omit<AdoGetOptions, "path">, evaluations: PermissionEvaluation[]): Promise<AdoResult<boolean[]>> {
  return adoPost(
    {
      ...options,
      path: "_apis/security/permissionevaluationbatch?api-version=7.1",
      body: { alwaysAllowAdministrators: false, evaluations },
      idempotent: true,
    },
    (body) => {
      const answers = batchAnswerSchema.parse(body).evaluations;
      if (answers.length !== evaluations.length) throw new Error(`expected ${evaluations.length} answers, got ${answers.length}`);
      return answers.map((answer) => answer.value);
    },
  );
}
