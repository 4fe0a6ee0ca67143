// What each error boundary says: its full panel and the plain notice shown while the panel loads
// (or when it cannot) read the same words.
export type BoundaryWords = { title: string; message: string; steps: string[]; link: { href: string; label: string } };

export const rootError: BoundaryWords = {
  title: "Something went wrong on this page",
  message: "The page could not be shown. Nothing you saved before is affected.",
  steps: ["Try again.", "Go back to the connectors list.", "If the problem stays, report it with the reference id below."],
  link: { href: "/connectors", label: "Go to connectors" },
};

export const connectorsError: BoundaryWords = {
  title: "The connectors could not be loaded",
  message: "Your connectors are unchanged: nothing was saved or deleted. The portal could not read them from its database.",
  steps: [
    "Try again: a database that was briefly busy or restarting usually answers the second time.",
    "If it keeps failing, check that the portal's database is reachable and its migrations are applied (the server log says which).",
    "When you report the problem, include the reference id below so it can be found in the server log.",
  ],
  link: { href: "/health", label: "Open health" },
};
