// The error boundaries' words, shared by their full panels and the plain notice shown while a
// panel loads (or when it cannot).
export const rootError = {
  title: "Something went wrong on this page",
  message: "The page could not be shown. Nothing you saved before is affected.",
};

export const connectorsError = {
  title: "The connectors could not be loaded",
  message: "Your connectors are unchanged: nothing was saved or deleted. The portal could not read them from its database.",
};
