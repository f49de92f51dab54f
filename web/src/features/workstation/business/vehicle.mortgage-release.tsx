import { Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';
import { TextField, useOptional } from './fields.tsx';
import {
  MortgageeRepresentativeFields,
  mortgageeRepresentative,
  REPRESENTATIVE_PATHS,
} from './mortgagee.tsx';

/** The contract being released, and the mortgagee releasing it. */
function ReleaseFields() {
  const { t } = useLanguage();
  const optional = useOptional();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup />
      <Row gutter={16}>
        <TextField name="contractNo" label={t('vehicleBusiness.contractNo')} required />
        <TextField
          name="mortgageeOrgCode"
          label={optional(t('vehicleBusiness.mortgageeOrgCode'))}
          maxLength={18}
        />
        <MortgageeRepresentativeFields />
      </Row>
    </Space>
  );
}

/** 解除抵押登记: by the matching contract, with the mortgagee (R164 §33). */
export const mortgageRelease: BusinessForm<'vehicle.mortgage-release'> = {
  type: 'vehicle.mortgage-release',
  Fields: ReleaseFields,
  toData: (values) => ({
    plate: text(values.plate),
    contractNo: text(values.contractNo),
    mortgageeOrgCode: text(values.mortgageeOrgCode),
    mortgageeRepresentative: mortgageeRepresentative(values),
  }),
  fieldPaths: ['plate', 'contractNo', 'mortgageeOrgCode', ...REPRESENTATIVE_PATHS],
};
