import { Space, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { hasRole } from '../auth/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { defaultPeriod, PeriodForm, type Period } from '../supervision/PeriodForm.tsx';
import { CallbacksCard } from './CallbacksCard.tsx';
import { HandlingTimesCard } from './HandlingTimesCard.tsx';
import { RectificationsCard } from './RectificationsCard.tsx';
import { SlaBreachesCard } from './SlaBreachesCard.tsx';

/**
 * Service quality (服) for the office: handling times and SLA breaches of the period, and the
 * rectifications bad ratings called for. Clerks see their outlet, supervisors their
 * jurisdiction, administrators the city (the server confines every list).
 */
export default function ServiceQualityPage() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  usePageTitle(t('service.title'));
  const supervises = user ? hasRole(user, 'supervisor', 'admin') : false;
  const clerk = user ? hasRole(user, 'clerk', 'admin') : false;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('service.title')}</Typography.Title>
      <PeriodForm value={period} onChange={setPeriod} idPrefix="service-period" />
      <HandlingTimesCard filter={period} />
      <SlaBreachesCard filter={period} canEscalate={supervises} />
      <CallbacksCard />
      <RectificationsCard canRecord={clerk} />
    </Space>
  );
}
