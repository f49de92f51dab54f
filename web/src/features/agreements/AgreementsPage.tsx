import { Card, Space, Statistic, Typography } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { AgreementTable } from '../network/AgreementTable.tsx';
import { useAgreements, useNetworkSummary, type AgreementKind } from '../network/api.ts';

const KINDS: AgreementKind[] = ['enterprise', 'bank', 'insurance', 'post', 'hospital'];
/** Rows a page, as the outlets' table: one pager, the server's, whatever the number. */
const PAGE_SIZE = 20;

/**
 * The "4" cooperation agreements: counts per kind (the server's, over every page) and the list
 * with their outlets, a page at a time.
 */
export default function AgreementsPage() {
  const { t } = useLanguage();
  const pages = useCursorPages();
  const { data, isLoading } = useAgreements(pages.after, PAGE_SIZE);
  const summary = useNetworkSummary();
  usePageTitle(t('agreements.title'));
  const items = data?.items ?? [];
  const totals = summary.data?.agreements ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('agreements.title')}</Typography.Title>
      <Space wrap size="middle">
        {KINDS.map((kind) => (
          <Card key={kind} size="small" className="stat-card">
            <Statistic
              title={t(`agreementKind.${kind}`)}
              value={totals.find((a) => a.kind === kind)?.total ?? 0}
              loading={summary.isLoading}
            />
          </Card>
        ))}
      </Space>
      <Card size="small" loading={isLoading}>
        <AgreementTable
          agreements={items}
          label={t('agreements.title')}
          paged={false}
          extraColumns={[
            {
              title: t('agreements.outletCount'),
              key: 'outlets',
              render: (a) => a.outletCodes.length,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={data?.nextCursor} label={t('agreements.title')} />
      </Card>
    </Space>
  );
}
