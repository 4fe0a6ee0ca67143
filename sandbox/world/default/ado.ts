// Placeholder: replaced by the ado part of the default world.
export const adoPart = {};
