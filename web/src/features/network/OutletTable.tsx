import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { OUTLET_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useClearable } from '../../lib/clearable.tsx';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useOutlets, type Outlet, type OutletQuery } from './api.ts';
import { useCounties } from './useNames.ts';

const PAGE_SIZE = 20;

type Filters = Omit<OutletQuery, 'limit' | 'after'>;

export function OutletStatusTag({ outlet }: { outlet: Pick<Outlet, 'status'> }) {
  const { t } = useLanguage();
  return outlet.status === 'suspended' ? (
    <Tag color="error">{t('network.statusSuspended')}</Tag>
  ) : (
    <Tag color="success">{t('network.statusActive')}</Tag>
  );
}

/**
 * Outlets with search by name or code, category/county/status filters, page by page. The name is
 * a button that opens the outlet (for the keyboard); a click anywhere on the row does too.
 */
export function OutletTable({
  onSelect,
  title,
}: {
  onSelect: (code: string) => void;
  title: string;
}) {
  const { t } = useLanguage();
  const clearable = useClearable();
  const { counties, countyName } = useCounties();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const query: OutletQuery = { ...filters, limit: PAGE_SIZE, after: pages.after };
  const { data, isFetching } = useOutlets(query);
  const filter = (next: Filters) => {
    setFilters({ ...filters, ...next });
    pages.reset();
  };

  return (
    <Card title={title} size="small">
      <Space wrap className="filters">
        <Input.Search
          allowClear={clearable}
          aria-label={t('network.searchPlaceholder')}
          placeholder={t('network.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          style={{ width: 300 }}
        />
        <Select<OutletCategory>
          allowClear={clearable}
          aria-label={t('network.category')}
          placeholder={t('network.category')}
          style={{ width: 200 }}
          onChange={(category) => filter({ category })}
          options={OUTLET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <Select<string>
          allowClear={clearable}
          aria-label={t('network.county')}
          placeholder={t('network.county')}
          style={{ width: 180 }}
          onChange={(county) => filter({ county })}
          options={counties.map((c) => ({ value: c.code, label: countyName(c.code) }))}
        />
        <Select<Outlet['status']>
          allowClear={clearable}
          aria-label={t('network.status')}
          placeholder={t('network.status')}
          style={{ width: 140 }}
          onChange={(status) => filter({ status })}
          options={[
            { value: 'active', label: t('network.statusActive') },
            { value: 'suspended', label: t('network.statusSuspended') },
          ]}
        />
      </Space>
      <ScrollRegion label={title}>
        <Table<Outlet>
          data-testid="outlet-table"
          size="small"
          rowKey="code"
          loading={isFetching}
          dataSource={data?.items ?? []}
          onRow={(o) => ({ onClick: () => onSelect(o.code), className: 'clickable-row' })}
          pagination={false}
          columns={[
            { title: t('network.code'), dataIndex: 'code', width: 140 },
            {
              title: t('network.name'),
              dataIndex: 'name',
              render: (name: string, o) => (
                <Button type="link" className="cell-link" onClick={() => onSelect(o.code)}>
                  {name}
                </Button>
              ),
            },
            {
              title: t('network.category'),
              dataIndex: 'category',
              render: (c: OutletCategory) => t(`category.${c}`),
            },
            { title: t('network.county'), dataIndex: 'countyCode', render: countyName },
            { title: t('network.address'), dataIndex: 'address', responsive: ['xl'] },
            {
              title: t('network.status'),
              dataIndex: 'status',
              render: (_: unknown, o) => <OutletStatusTag outlet={o} />,
            },
          ]}
        />
      </ScrollRegion>
      <CursorPager pages={pages} nextCursor={data?.nextCursor} label={title} />
    </Card>
  );
}
