// Placeholder: replaced by the kusto part of the default world.
export const kustoPart = {};
