import "server-only";
// The first line of every portal page (and of generateMetadata when it reads data). App Router
// renders a page in parallel with its layout, so the layout's redirect does not stop the page:
// each page checks for itself, against the session in the database, before it reads anything.
// cache() makes the layout's and the page's checks one database lookup per request.
import { redirect } from "next/navigation";
import { cache } from "react";
import { grantAccess, type Access } from "./access";
import { getCurrentOperator } from "./current-operator";
import { FORBIDDEN_PATH } from "./page-access";
import { can, type Permission } from "./permissions";
import type { SessionOperator } from "./sessions";

const currentOperator = cache(getCurrentOperator);

/** The signed-in operator, or a redirect to the sign-in page (no session, or an unknown, expired or malformed one). */
export const requireSignedIn = cache(async (): Promise<SessionOperator> => {
  const operator = await currentOperator();
  if (!operator) redirect("/sign-in");
  return operator;
});

/** Access for the signed-in operator if their role holds every permission; otherwise a redirect away from the data. */
export const requireOperator = cache(async <P extends Permission>(...permissions: [P, ...P[]]): Promise<Access<P>> => {
  const operator = await requireSignedIn();
  if (!permissions.every((permission) => can(operator, permission))) redirect(FORBIDDEN_PATH);
  return grantAccess(operator, ...permissions);
});
