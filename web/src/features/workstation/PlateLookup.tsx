import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { plateSchema } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { useVehicleByPlate, type Vehicle } from './api.ts';
import { issueMessage } from './validation.ts';
import { VehicleCard } from './VehicleCard.tsx';

/**
 * The plate of a vehicle business (`data.plate`), with a look-up of the vehicle in the registry
 * for the clerk to compare with the applicant's papers. `children` adds what the business needs
 * to show about the vehicle found (e.g. its mortgage and who must co-apply).
 */
export function PlateLookup({ children }: { children?: (vehicle: Vehicle) => ReactNode } = {}) {
  const { t, language } = useLanguage();
  const form = Form.useFormInstance();
  const describe = useErrorMessage();
  const [plate, setPlate] = useState<string | null>(null);
  const lookup = useVehicleByPlate(plate);

  const find = () => {
    const parsed = plateSchema.safeParse(String(form.getFieldValue(['data', 'plate']) ?? ''));
    if (parsed.success) return setPlate(parsed.data);
    const errors = parsed.error.issues.map((i) => issueMessage(i, language, t, 'plate'));
    form.setFields([{ name: ['data', 'plate'], errors }]);
  };
  const notFound = lookup.error instanceof ApiError && lookup.error.status === 404;

  return (
    <>
      {/* The label belongs to the input inside the compact group: antd names it data_plate. */}
      <Form.Item label={t('workstation.plate')} htmlFor="data_plate" required>
        <Space.Compact>
          <Form.Item name={['data', 'plate']} noStyle>
            <Input
              placeholder={t('workstation.platePlaceholder')}
              maxLength={10}
              style={{ width: 200 }}
              data-testid="data-plate"
            />
          </Form.Item>
          <Button
            icon={<SearchOutlined aria-hidden />}
            onClick={find}
            loading={lookup.isFetching}
            data-testid="lookup-vehicle"
          >
            {t('workstation.lookupVehicle')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {lookup.data && <VehicleCard vehicle={lookup.data} />}
      {lookup.data && children?.(lookup.data)}
      {lookup.error && (
        <Alert
          type="warning"
          showIcon
          title={notFound ? t('workstation.vehicleNotFound') : describe(lookup.error)}
        />
      )}
    </>
  );
}
