import { Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';
import { TextField } from './fields.tsx';
import {
  MortgageeRepresentativeFields,
  mortgageeRepresentative,
  REPRESENTATIVE_PATHS,
} from './mortgagee.tsx';

/** The mortgagee and its contract; its representative where the bank is not this outlet. */
function MortgageFields() {
  const { t } = useLanguage();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup />
      <Row gutter={16}>
        <TextField
          name="mortgageeOrgCode"
          label={t('vehicleBusiness.mortgageeOrgCode')}
          required
          maxLength={18}
        />
        <TextField name="contractNo" label={t('vehicleBusiness.contractNo')} required />
        <MortgageeRepresentativeFields />
      </Row>
    </Space>
  );
}

/** 抵押登记: the owner with the mortgagee, electronic at the mortgagee's bank (R164 §§31–35). */
export const mortgage: BusinessForm<'vehicle.mortgage'> = {
  type: 'vehicle.mortgage',
  Fields: MortgageFields,
  toData: (values) => ({
    plate: text(values.plate),
    mortgageeOrgCode: text(values.mortgageeOrgCode),
    contractNo: text(values.contractNo),
    mortgageeRepresentative: mortgageeRepresentative(values),
  }),
  fieldPaths: ['plate', 'mortgageeOrgCode', 'contractNo', ...REPRESENTATIVE_PATHS],
};
