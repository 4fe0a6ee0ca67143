// A small path matcher for the services' route tables. ADO, Kusto and ARM treat the literal
// parts of their routes case-insensitively (`classificationNodes/Areas` and
// `classificationnodes/areas` both work, as do `resourceGroups` and `resourcegroups`), so
// literals compare lower-cased while parameters keep the caller's spelling.

export type RouteParams = Record<string, string>;

/** Splits a URL path into decoded segments; returns null when a segment is not valid percent-encoding. */
export function pathSegments(pathname: string): string[] | null {
  try {
    return pathname
      .split("/")
      .filter((segment) => segment.length > 0)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/**
 * Matches segments against a pattern such as `/ado/:org/:project/_apis/wit/classificationnodes/areas/*path`.
 * `:name` takes one segment, `*name` takes the rest (zero or more, joined with "/") and must come last.
 */
export function matchRoute(pattern: string, segments: readonly string[]): RouteParams | null {
  const parts = pattern.split("/").filter((part) => part.length > 0);
  const params: RouteParams = {};
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string;
    if (part.startsWith("*")) {
      params[part.slice(1)] = segments.slice(index).join("/");
      return params;
    }
    const segment = segments[index];
    if (segment === undefined) return null;
    if (part.startsWith(":")) {
      // A parameter never swallows the `_apis` marker, so `/{org}/_apis/...` is never read as a project route.
      if (segment.toLowerCase() === "_apis") return null;
      params[part.slice(1)] = segment;
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      return null;
    }
  }
  return segments.length === parts.length ? params : null;
}
