import { Form, Row } from 'antd';
import { TEMP_PLATE_PURPOSES, type TempPlatePurpose } from '#shared/schemas/applications.ts';
import { tempPlatePurposesAt } from '#shared/temp-plates.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { text, type BusinessForm } from './definition.ts';
import { DateField, day, NumberField, SelectField, TextField } from './fields.tsx';

/**
 * VIN, purpose (each with its own cap; only those the clerk's outlet may issue: a dealer's station
 * the plates of its new cars), days, the insurance's end and a test approval's end.
 */
function TempPlateFields() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const purpose = Form.useWatch<TempPlatePurpose | undefined>(['data', 'purpose']);
  const purposes = user?.outletCategory
    ? tempPlatePurposesAt(user.outletCategory)
    : TEMP_PLATE_PURPOSES;
  return (
    <Row gutter={16}>
      <TextField name="vin" label={t('workstation.vin')} required maxLength={17} />
      <SelectField
        name="purpose"
        label={t('workstation.purpose')}
        required
        options={purposes.map((p) => ({
          value: p,
          label: t(`workstation.purposes.${p}`),
        }))}
      />
      <NumberField name="days" label={t('workstation.days')} required />
      <DateField name="insuranceValidUntil" label={t('workstation.insuranceValidUntil')} required />
      {purpose === 'icv-road-test' && (
        <DateField name="approvalValidUntil" label={t('workstation.approvalValidUntil')} required />
      )}
    </Row>
  );
}

/** 核发临时行驶车号牌 (R164 §§27, 28, 47, 48). */
export const tempPlate: BusinessForm<'vehicle.temp-plate'> = {
  type: 'vehicle.temp-plate',
  Fields: TempPlateFields,
  initialValues: { purpose: 'unregistered' },
  toData: (values) => ({
    vin: text(values.vin),
    purpose: values.purpose as TempPlatePurpose | undefined,
    days: typeof values.days === 'number' ? values.days : undefined,
    insuranceValidUntil: day(values.insuranceValidUntil),
    approvalValidUntil:
      values.purpose === 'icv-road-test' ? day(values.approvalValidUntil) : undefined,
  }),
  fieldPaths: ['vin', 'purpose', 'days', 'insuranceValidUntil', 'approvalValidUntil'],
};
