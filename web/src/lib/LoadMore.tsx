import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type RequestOptions } from './api.ts';

/** How many rows a "load more" list asks for at a time. */
export const LOAD_MORE_PAGE_SIZE = 50;

/**
 * A keyset-paged list (`{items, nextCursor}`) read page after page as the reader asks ("load
 * more"): each next page is asked for with the previous page's `nextCursor` as `after`, and
 * `items` are the rows of every page read so far, in the server's order.
 */
export function useKeysetList<T>(
  queryKey: QueryKey,
  path: string,
  query: RequestOptions['query'] = {},
) {
  const pages = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      api<{ items: T[]; nextCursor: string | null }>(path, {
        query: { ...query, after: pageParam, limit: LOAD_MORE_PAGE_SIZE },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { pages, items: pages.data?.pages.flatMap((p) => p.items) ?? [] };
}

/** The button under such a list that reads its next page; none once the last page is in. */
export function LoadMore({ pages }: { pages: ReturnType<typeof useKeysetList>['pages'] }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <Button
      block
      style={{ marginTop: 12 }}
      loading={pages.isFetchingNextPage}
      onClick={() => void pages.fetchNextPage()}
      data-testid="load-more"
    >
      {t('common.loadMore')}
    </Button>
  );
}
