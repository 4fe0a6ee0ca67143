// Placeholder: replaced by the identity part of the default world.
export const identityPart = {};
