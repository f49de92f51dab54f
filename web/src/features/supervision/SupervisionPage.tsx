import { Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { RecentApplications } from '../applications/RecentApplications.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { OutletDrawer } from '../network/OutletDrawer.tsx';
import { OutletTable } from '../network/OutletTable.tsx';
import { useCounties } from '../network/useNames.ts';

/** Read-only view of a supervisor's scope: its outlets and its recent applications. */
export default function SupervisionPage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { countyName } = useCounties();
  usePageTitle(t('supervision.title'));
  const [selected, setSelected] = useState<string | null>(null);
  if (!user) return null;
  const scope = user.scope.level === 'county' ? countyName(user.scope.code) : t('header.scopeCity');
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
      <OutletTable title={t('supervision.outlets')} onSelect={setSelected} />
      <RecentApplications title={t('supervision.applications')} showOutlet />
      <OutletDrawer code={selected} onClose={() => setSelected(null)} />
    </Space>
  );
}
