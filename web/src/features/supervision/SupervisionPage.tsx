import type { QueryClient } from '@tanstack/react-query';
import { Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { useTabsLocale } from '../../lib/tabs.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { RecentApplications } from '../applications/RecentApplications.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { networkSummaryRead } from '../network/api.ts';
import { OutletDrawer } from '../network/OutletDrawer.tsx';
import { OutletTable } from '../network/OutletTable.tsx';
import { useCounties } from '../network/useNames.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import { BulletinsPanel } from './BulletinsPanel.tsx';
import { dashboardReads, DashboardPanel } from './DashboardPanel.tsx';
import { DrawsPanel } from './DrawsPanel.tsx';
import { ExamsPanel } from './ExamsPanel.tsx';
import { ReviewsPanel } from './ReviewsPanel.tsx';
import { StationsPanel } from './StationsPanel.tsx';
import { defaultPeriod } from './PeriodForm.tsx';

const TABS = [
  'dashboard',
  'alerts',
  'exams',
  'reviews',
  'stations',
  'draws',
  'bulletins',
  'network',
] as const;
type Tab = (typeof TABS)[number];

function NetworkPanel() {
  const { t } = useLanguage();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <OutletTable title={t('supervision.outlets')} onSelect={setSelected} />
      <RecentApplications title={t('supervision.applications')} showOutlet />
      <OutletDrawer code={selected} onClose={() => setSelected(null)} />
    </Space>
  );
}

/**
 * Opened at this address, the dashboard's reads leave as soon as this chunk has arrived (see
 * `preloadPageOf`): beside the session check and the screen's render, not after them.
 */
export function prefetch(client: QueryClient, url: URL) {
  void client.prefetchQuery(networkSummaryRead); // the counties' names
  if ((url.searchParams.get('tab') ?? 'dashboard') !== 'dashboard') return;
  for (const read of dashboardReads(defaultPeriod())) void client.prefetchQuery(read);
}

/**
 * The supervision centre of a supervisor's scope (the detachment: the city; a brigade: its
 * county): dashboard, alert inbox, exam oversight, the recording review queue, station risk,
 * spot-check draws, bulletins, and the outlets and business.
 * The open section is in the address (`?tab=`), so it can be linked and survives a reload.
 */
export default function SupervisionPage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { countyName } = useCounties();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('supervision.title'));
  const tabsLocale = useTabsLocale();
  if (!user) return null;
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'dashboard';
  const scope = user.scope.level === 'county' ? countyName(user.scope.code) : t('header.scopeCity');
  const panels: Record<Tab, React.ReactNode> = {
    dashboard: <DashboardPanel />,
    alerts: <AlertsPanel />,
    exams: <ExamsPanel />,
    reviews: <ReviewsPanel />,
    stations: <StationsPanel />,
    draws: <DrawsPanel />,
    bulletins: <BulletinsPanel />,
    network: <NetworkPanel />,
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('supervision.title')}</Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('supervision.scope')}>{scope}</Descriptions.Item>
          <Descriptions.Item label={t('network.code')}>{user.scope.code}</Descriptions.Item>
          <Descriptions.Item label={t('roles.supervisor')}>{user.displayName}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        locale={tabsLocale}
        aria-label={t('supervision.sections')}
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`tab-${key}`}>{t(`supervision.tabs.${key}`)}</span>,
          children: panels[key],
        }))}
      />
    </Space>
  );
}
