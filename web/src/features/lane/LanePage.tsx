import { Alert, Card, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { OFFICE_CATEGORIES } from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { OutletSelect } from '../users/OutletSelect.tsx';
import { LaneBoard } from './LaneBoard.tsx';
import { LaneTimings } from './LaneTimings.tsx';

/**
 * The registration lane (通道式上牌) of an office: its clerks see their own hall; supervisors and
 * administrators choose an office within their scope.
 */
export default function LanePage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  usePageTitle(t('lane.title'));
  const ownOffice =
    user?.outletCode && user.outletCategory && OFFICE_CATEGORIES.includes(user.outletCategory)
      ? user.outletCode
      : null;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const outletCode = ownOffice ?? chosen;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        {t('lane.title')}
        {ownOffice && (
          <Typography.Text type="secondary" className="title-note">
            {user?.outletName}
          </Typography.Text>
        )}
      </Typography.Title>
      {!ownOffice && (
        <Card size="small">
          <Form layout="inline">
            <Form.Item label={t('lane.office')} htmlFor="lane-office">
              <OutletSelect id="lane-office" value={chosen} onChange={setChosen} />
            </Form.Item>
          </Form>
        </Card>
      )}
      {outletCode ? (
        <>
          <LaneBoard key={outletCode} outletCode={outletCode} />
          <LaneTimings outletCode={outletCode} />
        </>
      ) : (
        <Alert type="info" showIcon title={t('lane.chooseOffice')} />
      )}
    </Space>
  );
}
