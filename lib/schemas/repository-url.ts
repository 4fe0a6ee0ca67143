// Reads organization, project and repository (and a branch) out of any Azure DevOps repository
// or wiki URL an operator may paste. Pure and free of server dependencies on purpose (no
// "server-only"): the wizard runs the same parser in the browser to fill its fields, and the
// server runs it again on what it receives. It only extracts names; nothing is fetched, and a
// URL that is not ADO's (another host, credentials, a port) is refused rather than guessed at.
//   https://dev.azure.com/{org}/{project}/_git/{repo}
//   https://{org}@dev.azure.com/{org}/{project}/_git/{repo}          (clone URL)
//   https://{org}.visualstudio.com[/DefaultCollection]/{project}/_git/{repo}
//   https://dev.azure.com/{org}/{project}/_wiki/wikis/{wiki}[/…]
//   git@ssh.dev.azure.com:v3/{org}/{project}/{repo}   ({org}@vs-ssh.visualstudio.com:v3/… too)
//   …?path=/src&version=GB{branch}  → branch
import { adoOrganizationSchema } from "@/lib/schemas/connector";
import { adoProjectNameSchema, adoRepositoryNameSchema } from "@/lib/schemas/permission-check";
import { branchSchema } from "@/lib/schemas/source";

export type ParsedRepositoryUrl = {
  organization: string;
  project: string;
  /** The Git repository; for a wiki URL, the wiki's name (a project wiki's repository is "{project}.wiki"). */
  repository: string;
  kind: "git" | "wiki";
  branch: string | null;
  path: string | null;
};

export type ParseRepositoryUrlResult = { ok: true; value: ParsedRepositoryUrl } | { ok: false; field: "url"; message: string };

const MAX_URL_LENGTH = 2048;
const EXAMPLE = "https://dev.azure.com/{organization}/{project}/_git/{repository}";
const refuse = (message: string): ParseRepositoryUrlResult => ({ ok: false, field: "url", message });

const SSH_DEV = /^(?:ssh:\/\/)?git@ssh\.dev\.azure\.com(?::|\/)v3\/([^/]+)\/([^/]+)\/([^/]+?)\/?$/i;
const SSH_VS = /^(?:ssh:\/\/)?[^@/\s]+@vs-ssh\.visualstudio\.com(?::|\/)v3\/([^/]+)\/([^/]+)\/([^/]+?)\/?$/i;
const VISUALSTUDIO_HOST = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/;

function decodeSegment(segment: string): string | null {
  try {
    const decoded = decodeURIComponent(segment);
    // A decoded separator or control character would change what the name means.
    return /[/\\\p{Cc}]/u.test(decoded) || decoded === "." || decoded === ".." ? null : decoded;
  } catch {
    return null;
  }
}

function finish(raw: { organization: string; project: string; repository: string; kind: "git" | "wiki"; branch: string | null; path: string | null }): ParseRepositoryUrlResult {
  const organization = adoOrganizationSchema.safeParse(raw.organization);
  if (!organization.success) return refuse(`names the organization '${raw.organization.slice(0, 60)}', which ${organization.error.issues[0]?.message ?? "is not valid"}`);
  const project = adoProjectNameSchema.safeParse(raw.project);
  if (!project.success) return refuse(`names the project '${raw.project.slice(0, 70)}', which ${project.error.issues[0]?.message ?? "is not valid"}`);
  const repository = adoRepositoryNameSchema.safeParse(raw.repository);
  if (!repository.success) return refuse(`names the repository '${raw.repository.slice(0, 70)}', which ${repository.error.issues[0]?.message ?? "is not valid"}`);
  let branch: string | null = null;
  if (raw.branch !== null) {
    const parsed = branchSchema.safeParse(raw.branch);
    if (!parsed.success) return refuse(`names the branch '${raw.branch.slice(0, 70)}', which ${parsed.error.issues[0]?.message ?? "is not valid"}`);
    branch = parsed.data;
  }
  return { ok: true, value: { organization: organization.data, project: project.data, repository: repository.data, kind: raw.kind, branch, path: raw.path } };
}

function fromSsh(input: string): ParseRepositoryUrlResult | null {
  const match = SSH_DEV.exec(input) ?? SSH_VS.exec(input);
  if (!match) return null;
  const [organization, project, repository] = match.slice(1).map(decodeSegment);
  if (!organization || !project || !repository) return refuse("has a name that is not validly URL-encoded");
  return finish({ organization, project, repository, kind: "git", branch: null, path: null });
}

export function parseRepositoryUrl(input: string): ParseRepositoryUrlResult {
  const text = input.trim();
  if (text.length === 0) return refuse(`is required, e.g. ${EXAMPLE}`);
  if (text.length > MAX_URL_LENGTH) return refuse(`must be at most ${MAX_URL_LENGTH} characters`);
  if (/\p{Cc}/u.test(text)) return refuse("contains control characters");
  const ssh = fromSsh(text);
  if (ssh) return ssh;

  // "dev.azure.com/org/…" as people copy it from the address bar without the scheme.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse(`is not a URL; paste it like ${EXAMPLE}`);
  }
  if (url.protocol !== "https:") return refuse(`must be an https:// Azure DevOps address (or git@ssh.dev.azure.com:v3/…), not ${url.protocol}`);
  // A clone URL can carry a PAT as its password: refuse it without repeating it.
  if (url.password) return refuse("contains a password or token; remove the credentials before pasting the URL");
  if (url.port) return refuse("must not name a port");

  const segments: string[] = [];
  for (const raw of url.pathname.split("/").filter(Boolean)) {
    const decoded = decodeSegment(raw);
    if (decoded === null) return refuse("has a path segment that is not validly URL-encoded or contains a separator");
    segments.push(decoded);
  }
  let organization: string | undefined;
  if (url.hostname === "dev.azure.com") organization = segments.shift();
  else organization = VISUALSTUDIO_HOST.exec(url.hostname)?.[1];
  if (!organization) return refuse(`must be a dev.azure.com or {organization}.visualstudio.com address, e.g. ${EXAMPLE}`);
  if (segments[0]?.toLowerCase() === "defaultcollection") segments.shift();

  const version = url.searchParams.get("version");
  const branch = version?.startsWith("GB") ? version.slice(2) : null;
  const path = url.searchParams.get("path");
  const [first, second, third, fourth] = segments;
  if (second?.toLowerCase() === "_git" && first && third) return finish({ organization, project: first, repository: third, kind: "git", branch, path });
  // …/{org}/_git/{repo}: a repository named like its project, addressed without the project.
  if (first?.toLowerCase() === "_git" && second) return finish({ organization, project: second, repository: second, kind: "git", branch, path });
  if (second?.toLowerCase() === "_wiki" && third?.toLowerCase() === "wikis" && first && fourth) {
    return finish({ organization, project: first, repository: fourth, kind: "wiki", branch, path: path ?? url.searchParams.get("pagePath") });
  }
  return refuse(`is not a repository or wiki address; it should look like ${EXAMPLE}`);
}
