import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import type { ApplicationResponse } from '../applications/api.ts';
import { ApplicationResult } from '../applications/ApplicationResult.tsx';
import { RecentApplications } from '../applications/RecentApplications.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { useOfferedBusinessTypes } from './api.ts';
import { ApplicationForm } from './ApplicationForm.tsx';
import { BUSINESS_FORMS } from './business/index.ts';
import { BusinessTypePicker } from './BusinessTypePicker.tsx';

/**
 * The window clerk's desk: pick a business, fill it in, hand over the result, the acceptance
 * receipt or the notice.
 */
export default function WorkstationPage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  usePageTitle(t('workstation.title'));
  const { data } = useOfferedBusinessTypes();
  // A new key mounts an empty form; the form stays mounted (hidden) while an answer is shown.
  const [formKey, setFormKey] = useState(0);
  const [type, setType] = useState<string | null>(null);
  const [answer, setAnswer] = useState<ApplicationResponse | null>(null);
  // What the web app has a form for and the outlet was delegated: a dealer sees dealer work.
  // A delegated business it may not take today (e.g. while suspended) is shown disabled.
  const items = (data?.items ?? []).filter(
    (i) => BUSINESS_FORMS.has(i.code) && i.reason?.code !== 'NOT_DELEGATED',
  );
  const current = items.find((i) => i.code === type && i.available) ?? null;
  const business = current ? BUSINESS_FORMS.get(current.code) : undefined;

  const choose = (code: string) => {
    setType(code);
    setAnswer(null);
  };
  const startNew = () => {
    setFormKey((k) => k + 1);
    setAnswer(null);
  };

  const actions = (
    <Space className="no-print" wrap>
      {answer?.status === 'refused' && (
        <Button
          icon={<EditOutlined aria-hidden />}
          onClick={() => setAnswer(null)}
          data-testid="edit-again"
        >
          {t('workstation.editAgain')}
        </Button>
      )}
      {answer?.status === 'accepted' && (
        // Its next steps (e.g. the plate made, then handed over) are taken on its own page.
        <Link to={`/applications/${answer.id}`} data-testid="open-application">
          {t('application.open')}
        </Link>
      )}
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
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
          <BusinessTypePicker items={items} value={current?.code ?? null} onChange={choose} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      {answer && <ApplicationResult application={answer} extra={actions} />}
      <div hidden={!!answer || !business} className="no-print">
        {current && business && (
          <ApplicationForm
            key={`${current.code}/${formKey}`}
            business={business}
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
