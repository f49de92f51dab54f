import { Tag } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import type { ApplicationStatus } from './api.ts';

const COLORS: Record<ApplicationStatus, string> = {
  completed: 'success',
  accepted: 'processing',
  refused: 'error',
  withdrawn: 'default',
  expired: 'warning',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useLanguage();
  return <Tag color={COLORS[status]}>{t(`application.statuses.${status}`)}</Tag>;
}
