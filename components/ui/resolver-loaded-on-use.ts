// A react-hook-form resolver whose code (zod and the schema) is imported the first time the form
// checks itself, so a page whose form is one of several things on it does not download its checks
// before the operator uses it. A failed import is tried again at the next check.
import type { FieldValues, Resolver } from "react-hook-form";

export function resolverLoadedOnUse<TFieldValues extends FieldValues, TOutput>(load: () => Promise<Resolver<TFieldValues, unknown, TOutput>>): Resolver<TFieldValues, unknown, TOutput> {
  let loading: Promise<Resolver<TFieldValues, unknown, TOutput>> | undefined;
  return async (values, context, options) => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (await loading)(values, context, options);
  };
}
