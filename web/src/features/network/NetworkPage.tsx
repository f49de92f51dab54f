import { Col, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useChartLibraryAhead } from '../../lib/EChart.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useNetworkSummary } from './api.ts';
import { CategoryCounts } from './CategoryCounts.tsx';
import { CountyCounts } from './CountyCounts.tsx';
import { OutletDrawer } from './OutletDrawer.tsx';
import { OutletTable } from './OutletTable.tsx';

/** Network overview: counts by category and county, the outlet list and one outlet's drawer. */
export default function NetworkPage() {
  const { t } = useLanguage();
  const { data: summary } = useNetworkSummary();
  useChartLibraryAhead();
  usePageTitle(t('network.title'));
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('network.title')}</Typography.Title>
      {summary ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={15}>
            <CategoryCounts summary={summary} />
          </Col>
          <Col xs={24} xxl={9}>
            <CountyCounts summary={summary} />
          </Col>
        </Row>
      ) : (
        <Skeleton active />
      )}
      <OutletTable title={t('network.outlets')} onSelect={setSelected} />
      <OutletDrawer code={selected} onClose={() => setSelected(null)} />
    </Space>
  );
}
