import { PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Space } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorToast } from '../../lib/errors.ts';
import type { Read } from '../../lib/queries.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { bulletinRead, funnelRead, useRun } from './api.ts';
import { CountyCard } from './CountyCard.tsx';
import { FunnelCard, RATE_RULES } from './FunnelCard.tsx';
import { defaultPeriod, PeriodForm, type Period } from './PeriodForm.tsx';
import { lastSixMonths, TrendCard } from './TrendCard.tsx';

/** What the dashboard's cards first read over a period: the funnel, the trend, the counties. */
export const dashboardReads = (period: Period): Read<unknown>[] => [
  funnelRead(RATE_RULES[0], period),
  ...lastSixMonths().map((date) => bulletinRead('monthly', date)),
  bulletinRead('monthly', period.to),
];

/**
 * The supervisor's dashboard: a period, the funnel plot of a rate rule over it, the trend of
 * the last six months, and business by county. The detachment may run the rules on demand.
 */
export function DashboardPanel() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [period, setPeriod] = useState(defaultPeriod);
  const run = useRun();
  const cityWide = user?.scope.level === 'city';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('supervision.period')}>
        <Space wrap>
          <PeriodForm value={period} onChange={setPeriod} idPrefix="dashboard-period" />
          {cityWide && (
            <Button
              icon={<PlayCircleOutlined aria-hidden />}
              loading={run.isPending}
              data-testid="run-rules"
              onClick={async () => {
                try {
                  const r = await run.mutateAsync(period);
                  void message.success(t('supervision.runDone', r));
                } catch (e) {
                  toastError(e);
                }
              }}
            >
              {t('supervision.run')}
            </Button>
          )}
        </Space>
      </Card>
      <FunnelCard period={period} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <TrendCard />
        </Col>
        <Col xs={24} xl={12}>
          <CountyCard date={period.to} />
        </Col>
      </Row>
    </Space>
  );
}
