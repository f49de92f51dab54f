import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useBusinessTypes, type ApplicationResponse } from '../applications/api.ts';
import { ApplicationResult } from '../applications/ApplicationResult.tsx';
import { RecentApplications } from '../applications/RecentApplications.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { ApplicationForm } from './ApplicationForm.tsx';
import { BusinessTypePicker } from './BusinessTypePicker.tsx';
import type { ImplementedType } from './request.ts';

/** The window clerk's desk: pick a business, fill it in, hand over the result or the notice. */
export default function WorkstationPage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { data } = useBusinessTypes();
  // A new key mounts an empty form; the form stays mounted (hidden) while an answer is shown.
  const [formKey, setFormKey] = useState(0);
  const [type, setType] = useState<ImplementedType | null>(null);
  const [answer, setAnswer] = useState<ApplicationResponse | null>(null);
  const types = (data?.items ?? []).filter((i) => i.implemented);
  const current = types.find((i) => i.code === type) ?? null;

  const choose = (code: string) => {
    setType(code as ImplementedType);
    setAnswer(null);
  };
  const startNew = () => {
    setFormKey((k) => k + 1);
    setAnswer(null);
  };

  const actions = (
    <Space className="no-print" wrap>
      {answer?.status === 'refused' && (
        <Button icon={<EditOutlined />} onClick={() => setAnswer(null)} data-testid="edit-again">
          {t('workstation.editAgain')}
        </Button>
      )}
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={startNew}
        data-testid="new-application"
      >
        {t('workstation.newApplication')}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="no-print">
        {t('workstation.title')}
        <Typography.Text type="secondary" className="title-note">
          {user?.outletName}
        </Typography.Text>
      </Typography.Title>
      <Card size="small" title={t('workstation.chooseType')} className="no-print">
        {data ? (
          <BusinessTypePicker types={types} value={type} onChange={choose} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      {answer && <ApplicationResult application={answer} extra={actions} />}
      <div hidden={!!answer || !current} className="no-print">
        {current && (
          <ApplicationForm
            key={`${current.code}/${formKey}`}
            type={current.code as ImplementedType}
            agentAllowed={current.agentAllowed}
            onAnswer={setAnswer}
          />
        )}
      </div>
      <div className="no-print">
        <RecentApplications title={t('workstation.recent')} />
      </div>
    </Space>
  );
}
