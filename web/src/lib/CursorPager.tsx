import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Keyset pagination (`after` = the previous page's `nextCursor`): the server has no page
 * numbers or totals, so the way back is the trail of cursors that led here.
 */
export function useCursorPages() {
  const [trail, setTrail] = useState<string[]>([]);
  return {
    /** The cursor to ask for the current page with; none for the first page. */
    after: trail.at(-1),
    page: trail.length + 1,
    next: (cursor: string) => setTrail([...trail, cursor]),
    previous: () => setTrail(trail.slice(0, -1)),
    /** Back to the first page, e.g. when a filter changes. */
    reset: () => setTrail([]),
  };
}

/** Previous and next page buttons, with the page number between them. */
export function CursorPager({
  pages,
  nextCursor,
  label,
}: {
  pages: ReturnType<typeof useCursorPages>;
  /** The current page's `nextCursor`; null on the last page. */
  nextCursor: string | null | undefined;
  /** What is paged, to name the navigation region. */
  label: string;
}) {
  const { t } = useTranslation();
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <nav aria-label={t('common.pagesOf', { what: label })} className="cursor-pager">
      <Space>
        <Button
          size="small"
          icon={<LeftOutlined aria-hidden />}
          disabled={pages.page === 1}
          onClick={pages.previous}
          data-testid="page-previous"
        >
          {t('common.previousPage')}
        </Button>
        <Typography.Text aria-live="polite">
          {t('common.page', { page: pages.page })}
        </Typography.Text>
        <Button
          size="small"
          icon={<RightOutlined aria-hidden />}
          iconPlacement="end"
          disabled={!nextCursor}
          onClick={() => nextCursor && pages.next(nextCursor)}
          data-testid="page-next"
        >
          {t('common.nextPage')}
        </Button>
      </Space>
    </nav>
  );
}
