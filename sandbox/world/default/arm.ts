// Placeholder: replaced by the arm part of the default world.
export const armPart = {};
