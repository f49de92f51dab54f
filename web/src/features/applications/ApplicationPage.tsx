import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { lifecycleOf } from '#shared/lifecycles.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useApplication } from './api.ts';
import { ApplicationResult } from './ApplicationResult.tsx';
import type { RefusedStep } from './lifecycle/EventDialog.tsx';
import { LifecyclePanel } from './lifecycle/LifecyclePanel.tsx';
import { applicationReference } from './reference.ts';
import { RefusalNotice } from './RefusalNotice.tsx';

/**
 * One stored application by id: its result, receipt or refusal notice ready to print again, and
 * for a staged business its progress, next steps and history. A refused step's notice takes the
 * page, so that printing prints the notice alone.
 */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, businessTypeName } = useLanguage();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const { data, error } = useApplication(id);
  // Kept with its application: the page stays mounted when the address moves to another one.
  const [shown, setShown] = useState<{ id: string; step: RefusedStep } | null>(null);
  const notice = shown?.id === id ? shown.step : null;
  const setNotice = (step: RefusedStep | null) => setShown(step && { id, step });
  // Named as people refer to it: the business and its notice or document number.
  usePageTitle(
    data ? `${businessTypeName(data.businessType)} ${applicationReference(data)}` : null,
  );
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(-1)}>
      {t('common.back')}
    </Button>
  );
  if (error) {
    return (
      <Space orientation="vertical">
        <Alert type="error" showIcon title={describe(error)} />
        {back}
      </Space>
    );
  }
  if (!data) return <Skeleton active />;
  if (notice) {
    return (
      <RefusalNotice
        application={data}
        step={notice}
        extra={
          // The dialog that led here is gone: the focus starts on the way back.
          <Button
            icon={<ArrowLeftOutlined aria-hidden />}
            onClick={() => setNotice(null)}
            autoFocus
            data-testid="back-to-application"
          >
            {t('lifecycle.back')}
          </Button>
        }
      />
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ApplicationResult application={data} extra={back} />
      {lifecycleOf(data.businessType) && data.status !== 'refused' && (
        <LifecyclePanel application={data} onNotice={setNotice} />
      )}
    </Space>
  );
}
