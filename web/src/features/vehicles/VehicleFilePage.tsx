import { Alert, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { VehicleCard } from '../workstation/VehicleCard.tsx';
import type { Vehicle } from '../workstation/api.ts';
import { useVehicleHistory, useVehicleRecord } from './api.ts';
import { FlagsPanel } from './FlagsPanel.tsx';
import { HistoryTable } from './HistoryTable.tsx';
import { VehicleSearch } from './VehicleSearch.tsx';

/**
 * The vehicle file (档案): look a vehicle up by plate or VIN, then its record (status, owner,
 * mortgage, inspection), its flags, and every application, document and change in time order.
 */
export default function VehicleFilePage() {
  const { vin } = useParams();
  const { t } = useLanguage();
  usePageTitle(vin ? `${t('vehicleFile.title')} ${vin}` : t('vehicleFile.title'));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('vehicleFile.title')}</Typography.Title>
      <Card size="small">
        <VehicleSearch />
      </Card>
      {vin && <VehicleFile key={vin} vin={vin} />}
    </Space>
  );
}

function VehicleFile({ vin }: { vin: string }) {
  const { t } = useLanguage();
  const describe = useErrorMessage();
  const record = useVehicleRecord(vin);
  const history = useVehicleHistory(vin);
  if (record.error) {
    const missing = record.error instanceof ApiError && record.error.status === 404;
    return (
      <Alert
        type="warning"
        showIcon
        title={missing ? t('vehicleFile.notFound') : describe(record.error)}
      />
    );
  }
  if (!record.data) return <Skeleton active />;
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%' }}
      data-testid="vehicle-file"
    >
      <VehicleCard vehicle={record.data} />
      <MortgageCard mortgage={record.data.mortgage} />
      <FlagsPanel vin={vin} />
      <Card size="small" title={t('vehicleFile.history')}>
        {history.error ? (
          <Alert type="error" showIcon title={describe(history.error)} />
        ) : (
          <HistoryTable items={history.data?.items ?? []} loading={!history.data} />
        )}
      </Card>
    </Space>
  );
}

/**
 * Since when the vehicle is mortgaged (public, R164 §35), and who holds the mortgage for the
 * readers the server tells (the offices, supervisors, administrators, the mortgagee's own bank).
 */
function MortgageCard({ mortgage }: { mortgage: Vehicle['mortgage'] }) {
  const { t } = useLanguage();
  return (
    <Card size="small" title={t('vehicleFile.mortgage')} data-testid="vehicle-mortgage">
      {mortgage ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('vehicleFile.mortgagee')}>
            {mortgage.mortgageeOrgCode ?? t('vehicleFile.withheld')}
          </Descriptions.Item>
          <Descriptions.Item label={t('vehicleFile.contractNo')}>
            {mortgage.contractNo ?? t('vehicleFile.withheld')}
          </Descriptions.Item>
          <Descriptions.Item label={t('vehicleFile.mortgagedOn')}>
            {mortgage.registeredOn}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        t('vehicleFile.notMortgaged')
      )}
    </Card>
  );
}
