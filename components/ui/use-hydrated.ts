"use client";
// Whether the page's JavaScript runs yet: false on the server and while hydrating, true after.
// A button whose action is JavaScript (no form to fall back on) stays disabled until then, so a
// click on the server-rendered page is never silently lost.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
