import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLanguage } from '../../../i18n/index.ts';
import { text, type BusinessForm } from './definition.ts';

interface Values {
  vin?: string;
  purpose?: 'unregistered' | 'export';
  days?: number | null;
  insuranceValidUntil?: Dayjs | null;
}

/** VIN, purpose, days and the compulsory insurance's end. */
function TempPlateFields() {
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

/** 核发临时行驶车号牌. */
export const tempPlate: BusinessForm<'vehicle.temp-plate'> = {
  type: 'vehicle.temp-plate',
  Fields: TempPlateFields,
  initialValues: { purpose: 'unregistered' },
  toData: (values: Values) => ({
    vin: text(values.vin),
    purpose: values.purpose,
    days: values.days ?? undefined,
    insuranceValidUntil: values.insuranceValidUntil?.format('YYYY-MM-DD'),
  }),
  fieldPaths: ['vin', 'purpose', 'days', 'insuranceValidUntil'],
};
