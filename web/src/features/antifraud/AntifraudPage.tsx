import { Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { useTabsLocale } from '../../lib/tabs.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { CasesPanel } from './CasesPanel.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';

const TABS = ['findings', 'cases'] as const;
type Tab = (typeof TABS)[number];

/**
 * Anti-fraud (打击黄牛) for a supervisor's jurisdiction: the findings of the supervision runs
 * and the cases opened from them. The open section is in the address (`?tab=`).
 */
export default function AntifraudPage() {
  const { t } = useLanguage();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('antifraud.title'));
  const tabsLocale = useTabsLocale();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'findings';
  const panels: Record<Tab, React.ReactNode> = {
    findings: <FindingsPanel />,
    cases: <CasesPanel />,
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('antifraud.title')}</Typography.Title>
      <Tabs
        locale={tabsLocale}
        aria-label={t('antifraud.sections')}
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`antifraud-tab-${key}`}>{t(`antifraud.tabs.${key}`)}</span>,
          children: panels[key],
        }))}
      />
    </Space>
  );
}
