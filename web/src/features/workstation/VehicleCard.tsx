import { Card, Descriptions, Tag } from 'antd';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { Vehicle } from './api.ts';

/** The registry record of a vehicle, for the clerk to compare with the applicant's papers. */
export function VehicleCard({ vehicle }: { vehicle: Vehicle }) {
  const { t, i18n } = useLanguage();
  const label = (group: string, value: string) =>
    i18n.exists(`vehicle.${group}.${value}`) ? t(`vehicle.${group}.${value}`) : value;
  const none = t('common.none');
  return (
    <Card
      size="small"
      title={t('vehicle.title')}
      data-testid="vehicle-card"
      className="vehicle-card"
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('vehicle.plate')}>
          {vehicle.plate ? formatPlate(vehicle.plate) : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.vin')}>{vehicle.vin}</Descriptions.Item>
        <Descriptions.Item label={t('vehicle.status')}>
          <Tag color={vehicle.status === 'normal' ? 'success' : 'warning'}>
            {label('statuses', vehicle.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.brandModel')}>
          {[vehicle.brand, vehicle.model].filter(Boolean).join(' ') || none}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.type')}>
          {label('types', vehicle.vehicleType)}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.useNature')}>
          {label('natures', vehicle.useNature)}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.owner')}>
          {vehicle.owner.name} · {vehicle.owner.idNumber}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.seats')}>{vehicle.seats ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('vehicle.mortgage')}>
          {vehicle.mortgage ? t('common.yes') : t('common.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.inspectionValidUntil')}>
          {vehicle.inspectionValidUntil ?? none}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.registeredOn')}>
          {vehicle.registeredOn ?? none}
        </Descriptions.Item>
        <Descriptions.Item label={t('vehicle.manufacturedOn')}>
          {vehicle.manufacturedOn ?? none}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
