import { Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';
import { DateField, day, flag, SwitchField, TextField, useOptional } from './fields.tsx';

/** Insurance, the station's report unless exempt, and a casualty accident (2022 reform). */
function InspectionMarkFields() {
  const { t } = useLanguage();
  const optional = useOptional();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup />
      <Row gutter={16}>
        <DateField
          name="insuranceValidUntil"
          label={t('workstation.insuranceValidUntil')}
          required
        />
        <TextField
          name="inspectionReportNo"
          label={optional(t('vehicleBusiness.inspectionReportNo'))}
          extra={t('vehicleBusiness.inspectionReportHint')}
        />
        <SwitchField name="casualtyAccident" label={t('vehicleBusiness.casualtyAccident')} wide />
      </Row>
    </Space>
  );
}

/** 核发检验合格标志 (R164 §§54–57). */
export const inspectionMark: BusinessForm<'vehicle.inspection-mark'> = {
  type: 'vehicle.inspection-mark',
  Fields: InspectionMarkFields,
  toData: (values) => ({
    plate: text(values.plate),
    insuranceValidUntil: day(values.insuranceValidUntil),
    inspectionReportNo: text(values.inspectionReportNo),
    casualtyAccident: flag(values.casualtyAccident),
  }),
  fieldPaths: ['plate', 'insuranceValidUntil', 'inspectionReportNo'],
};
