import { Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';
import { SelectField } from './fields.tsx';

const REASONS = ['scrapped', 'lost', 'exported', 'returned'] as const;

function DeregisterFields() {
  const { t } = useLanguage();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup />
      <Row gutter={16}>
        <SelectField
          name="reason"
          label={t('vehicleBusiness.reason')}
          required
          options={REASONS.map((r) => ({ value: r, label: t(`vehicleBusiness.reasons.${r}`) }))}
        />
      </Row>
    </Space>
  );
}

/** 注销登记: scrapped, lost, no longer used in China, or returned (R164 §§37–42). */
export const deregister: BusinessForm<'vehicle.deregister'> = {
  type: 'vehicle.deregister',
  Fields: DeregisterFields,
  initialValues: { reason: 'scrapped' },
  toData: (values) => ({
    plate: text(values.plate),
    reason: values.reason as (typeof REASONS)[number] | undefined,
  }),
  fieldPaths: ['plate', 'reason'],
};
