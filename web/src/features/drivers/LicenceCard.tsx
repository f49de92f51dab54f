import { Alert, Card, Descriptions, Tag } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import type { LicenceResponse } from './api.ts';

/** antd's status colours, which the theme keeps contrast-safe. */
const STATUS_COLOURS: Record<string, string> = {
  valid: 'success',
  'full-score': 'error',
  suspended: 'warning',
  revoked: 'error',
  cancelled: 'default',
  expired: 'warning',
};

/** The licence as the registry reads it today, with its points cycle and the duties of age. */
export function LicenceCard({ licence }: { licence: LicenceResponse }) {
  const { t, language } = useLanguage();
  return (
    <Card size="small" title={t('driver.licence.title')} data-testid="licence-card">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('workstation.name')}>{licence.name}</Descriptions.Item>
        <Descriptions.Item label={t('driver.licence.licenceNo')}>
          {licence.licenceNo}
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.licence.status')}>
          <Tag color={STATUS_COLOURS[licence.status]} data-testid="licence-status">
            {t(`driver.licence.statuses.${licence.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.class')}>
          {licence.classes.join(', ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.licence.firstIssuedOn')}>
          {licence.firstIssuedOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.licence.validUntil')}>
          {licence.validUntil ?? t('driver.result.longTerm')}
        </Descriptions.Item>
        {licence.probationUntil && (
          <Descriptions.Item label={t('driver.licence.probationUntil')}>
            {licence.probationUntil}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('driver.licence.cycle')}>
          {licence.cycle.start} ~ {licence.cycle.end}
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.licence.points')}>
          <strong data-testid="licence-points">{licence.cycle.points}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.licence.reduced')}>
          {licence.cycle.reduced}
        </Descriptions.Item>
        {licence.cycle.carriedOver > 0 && (
          <Descriptions.Item label={t('driver.licence.carriedOver')}>
            {licence.cycle.carriedOver}
          </Descriptions.Item>
        )}
      </Descriptions>
      {licence.duties.map((d) => (
        <Alert
          key={d.code}
          type="info"
          showIcon
          className="form-problem"
          title={language === 'en' ? d.messageEn : d.message}
        />
      ))}
    </Card>
  );
}
