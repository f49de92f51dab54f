import { Form, Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';
import { SelectField, TextField } from './fields.tsx';

const CHANGES = ['colour', 'engine', 'body', 'use-nature', 'move-out', 'move-in'] as const;
type Change = (typeof CHANGES)[number];

/** What changes and to what; each kind of change says what its new value is. */
function ChangeFields() {
  const { t } = useLanguage();
  const change = Form.useWatch<Change | undefined>(['data', 'change']) ?? 'colour';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup />
      <Row gutter={16}>
        <SelectField
          name="change"
          label={t('vehicleBusiness.change')}
          required
          options={CHANGES.map((c) => ({ value: c, label: t(`vehicleBusiness.changes.${c}`) }))}
        />
        {change !== 'move-in' && (
          <TextField
            name="value"
            label={t('vehicleBusiness.value')}
            extra={t(`vehicleBusiness.valueHints.${change}`)}
            required
          />
        )}
      </Row>
    </Space>
  );
}

/** 变更登记 (R164 §§16–24). */
export const change: BusinessForm<'vehicle.change'> = {
  type: 'vehicle.change',
  Fields: ChangeFields,
  initialValues: { change: 'colour' },
  toData: (values) => ({
    plate: text(values.plate),
    change: values.change as Change | undefined,
    value: values.change === 'move-in' ? undefined : text(values.value),
  }),
  fieldPaths: ['plate', 'change', 'value'],
};
