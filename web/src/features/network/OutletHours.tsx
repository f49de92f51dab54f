import { Descriptions } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import type { OpeningHours } from './api.ts';

/** Opening hours: weekdays, weekend, holidays and extended service. */
export function OutletHours({ hours }: { hours: OpeningHours }) {
  const { t } = useLanguage();
  const ranges = (list: OpeningHours['weekdays']) =>
    list.length ? list.map((r) => `${r.open}–${r.close}`).join(', ') : t('network.closed');
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('network.weekdays')}>{ranges(hours.weekdays)}</Descriptions.Item>
      <Descriptions.Item label={t('network.saturday')}>{ranges(hours.saturday)}</Descriptions.Item>
      <Descriptions.Item label={t('network.sunday')}>{ranges(hours.sunday)}</Descriptions.Item>
      <Descriptions.Item label={t('network.holidays')}>
        {hours.holidays ? t('network.holidaysOpen') : t('network.holidaysClosed')}
      </Descriptions.Item>
      {hours.extendedUntil && (
        <Descriptions.Item label={t('network.extendedUntil')}>
          {hours.extendedUntil}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
