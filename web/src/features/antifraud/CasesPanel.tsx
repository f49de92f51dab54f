import { Card, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { LoadMore } from '../../lib/LoadMore.tsx';
import { useCounties } from '../network/useNames.ts';
import { useCases, type CaseSummary } from './api.ts';
import { CASE_STATUS_COLOR } from './colours.ts';

/** The cases of the jurisdiction. */
export function CasesPanel() {
  const { t } = useLanguage();
  const { countyName } = useCounties();
  const cases = useCases();
  return (
    <Card size="small" title={t('antifraud.cases')}>
      {/* Scrolled sideways in a named region the keyboard reaches, even while empty (axe:
          scrollable-region-focusable, on a phone). */}
      <ScrollRegion label={t('antifraud.cases')}>
        <Table<CaseSummary>
          data-testid="cases"
          size="small"
          rowKey="id"
          loading={cases.pages.isLoading}
          dataSource={cases.items}
          pagination={false}
          style={{ minWidth: 800 }}
          locale={{ emptyText: <Empty description={t('antifraud.noCases')} /> }}
          columns={[
            {
              title: t('antifraud.caseTitle'),
              dataIndex: 'title',
              render: (title: string, c) => (
                <Link to={`/antifraud/cases/${c.id}`} data-testid="open-case">
                  {title}
                </Link>
              ),
            },
            {
              title: t('antifraud.status'),
              dataIndex: 'status',
              render: (s: CaseSummary['status']) => (
                <Tag color={CASE_STATUS_COLOR[s]}>{t(`antifraud.statuses.${s}`)}</Tag>
              ),
            },
            { title: t('antifraud.county'), dataIndex: 'countyCode', render: countyName },
            { title: t('antifraud.findingCount'), render: (_, c) => c.findingIds.length },
            { title: t('antifraud.createdAt'), dataIndex: 'createdAt', render: formatInstant },
          ]}
        />
      </ScrollRegion>
      <LoadMore pages={cases.pages} />
    </Card>
  );
}
