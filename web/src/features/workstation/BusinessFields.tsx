import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { plateSchema } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { useVehicleByPlate } from './api.ts';
import { issueMessage } from './validation.ts';
import { VehicleCard } from './VehicleCard.tsx';

/** 补领行驶证: the plate, with an optional look-up of the vehicle. */
export function LicenceReissueFields() {
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
      <Form.Item label={t('workstation.plate')} required>
        <Space.Compact>
          <Form.Item name={['data', 'plate']} noStyle>
            <Input
              placeholder={t('workstation.platePlaceholder')}
              maxLength={10}
              style={{ width: 200 }}
              data-testid="data-plate"
            />
          </Form.Item>
          <Button icon={<SearchOutlined />} onClick={find} loading={lookup.isFetching}>
            {t('workstation.lookupVehicle')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {lookup.data && <VehicleCard vehicle={lookup.data} />}
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

/** 临时号牌: VIN, purpose, days and the compulsory insurance's end. */
export function TempPlateFields() {
  const { t } = useLanguage();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['data', 'vin']} label={t('workstation.vin')} required>
          <Input maxLength={17} autoComplete="off" data-testid="data-vin" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['data', 'purpose']} label={t('workstation.purpose')} required>
          <Select
            data-testid="data-purpose"
            options={(['unregistered', 'export'] as const).map((p) => ({
              value: p,
              label: t(`workstation.purposes.${p}`),
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['data', 'days']} label={t('workstation.days')} required>
          <InputNumber precision={0} style={{ width: '100%' }} data-testid="data-days" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['data', 'insuranceValidUntil']}
          label={t('workstation.insuranceValidUntil')}
          required
        >
          <DatePicker style={{ width: '100%' }} data-testid="data-insurance" />
        </Form.Item>
      </Col>
    </Row>
  );
}
