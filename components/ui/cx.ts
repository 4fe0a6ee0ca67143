/** Joins class names, skipping the falsy ones (conditional classes read better inline). */
export function cx(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
