"use client";
// A read of the portal's API for one step's list, through TanStack Query: loading, the answer, or
// what went wrong, and a reload. The answer is kept under its query key, so a newer request
// (another project) shows as loading at once and an older answer arriving late is not shown.
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, type ApiProblem } from "@/lib/client/api/client";

export type ApiGetState<T> = { status: "loading" } | { status: "loaded"; data: T } | { status: "error"; problem: ApiProblem };

export function useApiGet<T>(key: readonly unknown[], read: ((signal: AbortSignal) => Promise<T>) | null): ApiGetState<T> & { reload: () => void } {
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => (read as (signal: AbortSignal) => Promise<T>)(signal), enabled: read !== null });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  if (query.isFetching && query.isError) return { status: "loading", reload };
  if (query.status === "success") return { status: "loaded", data: query.data, reload };
  if (query.status === "error") return { status: "error", problem: ApiError.from(query.error).toProblem(), reload };
  return { status: "loading", reload };
}
