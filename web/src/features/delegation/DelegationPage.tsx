import { Alert, Card, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { hasRole } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { OutletDrawer } from '../network/OutletDrawer.tsx';
import { useDelegationMatrix } from './api.ts';
import { MatrixTable } from './MatrixTable.tsx';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { OverridesTable } from './OverridesTable.tsx';

/** Who may accept what: the category matrix and the per-outlet overrides. */
export default function DelegationPage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { data } = useDelegationMatrix();
  usePageTitle(t('delegation.title'));
  const [selected, setSelected] = useState<string | null>(null);
  const editable = hasRole(user, 'admin');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('delegation.title')}</Typography.Title>
      <Alert type="info" showIcon title={editable ? t('delegation.hint') : t('common.readOnly')} />
      <Card size="small">
        {data ? (
          <MatrixTable grants={data.categoryGrants} editable={editable} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card size="small" title={t('delegation.overrides')}>
        <ScrollRegion label={t('delegation.overrides')}>
          <OverridesTable overrides={data?.outletOverrides ?? []} onSelect={setSelected} />
        </ScrollRegion>
      </Card>
      <OutletDrawer code={selected} onClose={() => setSelected(null)} />
    </Space>
  );
}
