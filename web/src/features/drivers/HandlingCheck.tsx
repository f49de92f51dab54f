import { Alert, Descriptions, Tag } from 'antd';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { HandlingPreview } from './api.ts';

/**
 * What the window sees before it submits a violation handling (R163 §14 and the 3 × 3 rule):
 * the driver's cycle, the points after, whose vehicle it is, the substitute counts, and the
 * refusal items a submission would get now.
 */
export function HandlingCheck({ preview }: { preview: HandlingPreview }) {
  const { t, language, legalBasis } = useLanguage();
  const v = preview.violation;
  const limit = (count: number, max: number | null) =>
    max === null ? String(count) : t('driver.preview.limit', { count, max });
  return (
    <div data-testid="handling-check">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title={t('driver.preview.title')}
      >
        {v && (
          <Descriptions.Item label={t('driver.violationId')}>
            {formatPlate(v.plate)} · {v.code} {v.description ?? ''}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('driver.preview.vehicle')}>
          <Tag color={preview.ownsVehicle ? 'success' : 'warning'}>
            {preview.ownsVehicle ? t('driver.preview.own') : t('driver.preview.notOwn')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.preview.cyclePoints')}>
          {preview.driver.hasLicence ? (
            <span data-testid="check-cycle-points">{preview.driver.cyclePoints}</span>
          ) : (
            t('driver.preview.noLicence')
          )}
          {preview.driver.cycleEnd &&
            ` (${t('driver.preview.cycleEnd')} ${preview.driver.cycleEnd})`}
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.preview.pointsAfter')}>
          <strong data-testid="check-points-after">{preview.pointsAfter}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.preview.substitutePlates')}>
          {limit(preview.substitute.plates, preview.substitute.maxPlates)}
        </Descriptions.Item>
        <Descriptions.Item label={t('driver.preview.substituteDrivers')}>
          {limit(preview.substitute.drivers, preview.substitute.maxDrivers)}
        </Descriptions.Item>
      </Descriptions>
      {preview.reachesFullScore && (
        <Alert
          type="warning"
          showIcon
          title={t('driver.preview.fullScore')}
          className="form-problem"
        />
      )}
      {preview.items.length ? (
        <Alert
          type="error"
          showIcon
          className="form-problem"
          title={t('driver.preview.refused')}
          description={
            <ul data-testid="check-items">
              {preview.items.map((i) => (
                <li key={i.code}>
                  {language === 'en' ? i.messageEn : i.message} ({legalBasis(i.legalBasis)})
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('driver.preview.ok')} className="form-problem" />
      )}
    </div>
  );
}
