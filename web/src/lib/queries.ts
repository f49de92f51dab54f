import {
  usePrefetchQuery,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';

/** A read of the API under its cache key. */
export interface Read<T> {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
}

/**
 * `useQuery` whose request leaves while the component renders. useQuery sends it once the
 * component has mounted, after the whole screen's render (a few hundred milliseconds of the
 * browser's time on a screen's first load); the server then works on the answer meanwhile.
 * A read already cached, pending or failed is not asked for again here.
 */
export function useQueryNow<T>(read: Read<T>) {
  usePrefetchQuery(read);
  return useQuery(read);
}

/** `useQueries`, its requests leaving while the component renders (as `useQueryNow`). */
export function useQueriesNow<T>(reads: Read<T>[]) {
  const client = useQueryClient();
  for (const read of reads) {
    if (!client.getQueryState(read.queryKey)) void client.prefetchQuery(read);
  }
  return useQueries({ queries: reads });
}
