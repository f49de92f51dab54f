import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { WITHDRAW_EVENT } from '#shared/lifecycles.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { todayInBeijing } from '../../../lib/dates.ts';
import { hasRole } from '../../auth/api.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import type { ApplicationResponse } from '../api.ts';
import { isOverdue } from '../overdue.ts';
import { StatusTag } from '../StatusTag.tsx';
import { EventDialog, type RefusedStep } from './EventDialog.tsx';
import { History } from './History.tsx';

/**
 * Where an application of a staged business stands (status, stage and their due dates), what
 * may be done next (one button per event the server offers, for window staff; the server decides
 * whether this outlet may), and its history.
 */
export function LifecyclePanel({
  application,
  onNotice,
}: {
  application: ApplicationResponse;
  onNotice: (step: RefusedStep) => void;
}) {
  const { t, stageName, eventName } = useLanguage();
  const { user } = useAuth();
  const [event, setEvent] = useState<string | null>(null);
  const type = application.businessType;
  const actions = hasRole(user, 'clerk') ? application.nextEvents : [];

  return (
    <Card title={t('lifecycle.title')} size="small" className="no-print" data-testid="lifecycle">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('application.status')}>
            <span data-testid="application-status" data-status={application.status}>
              <StatusTag status={application.status} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('application.stage')}>
            <span data-testid="application-stage">
              {application.stage ? stageName(type, application.stage) : t('common.none')}
            </span>
          </Descriptions.Item>
          {application.stageDueOn && (
            <Descriptions.Item label={t('application.stageDueOn')}>
              {application.stageDueOn}
            </Descriptions.Item>
          )}
          {application.slaDueOn && (
            <Descriptions.Item label={t('application.slaDueOn')}>
              <Space size={4}>
                {application.slaDueOn}
                {isOverdue(application, todayInBeijing()) && (
                  <Tag color="error">{t('application.overdue')}</Tag>
                )}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {actions.length > 0 && (
          <div>
            <Typography.Title level={5}>{t('lifecycle.actions')}</Typography.Title>
            <Space wrap>
              {actions.map((code) => (
                <Button
                  key={code}
                  type={code === WITHDRAW_EVENT ? 'default' : 'primary'}
                  danger={code === WITHDRAW_EVENT}
                  onClick={() => setEvent(code)}
                  data-testid={`event-${code}`}
                >
                  {eventName(type, code)}
                </Button>
              ))}
            </Space>
          </div>
        )}
        <History application={application} onNotice={onNotice} />
      </Space>
      {event && (
        <EventDialog
          application={application}
          event={event}
          onClose={() => setEvent(null)}
          onRefused={onNotice}
        />
      )}
    </Card>
  );
}
