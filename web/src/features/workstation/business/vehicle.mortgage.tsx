import { Form, Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm, type DataValues } from './definition.ts';
import { SwitchField, TextField } from './fields.tsx';

/** The mortgagee and its contract; its representative where the bank is not this outlet. */
function MortgageFields() {
  const { t } = useLanguage();
  const withRepresentative = Form.useWatch<boolean | undefined>(['data', 'withRepresentative']);
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
        <SwitchField name="withRepresentative" label={t('vehicleBusiness.representative')} wide />
        {withRepresentative && (
          <>
            <TextField
              name={['mortgageeRepresentative', 'idNumber']}
              label={t('vehicleBusiness.representativeIdNumber')}
              required
              maxLength={18}
            />
            <TextField
              name={['mortgageeRepresentative', 'name']}
              label={t('vehicleBusiness.representativeName')}
              required
            />
          </>
        )}
      </Row>
    </Space>
  );
}

/** The representative as the schema checks it (a blank is reported as missing there). */
function representative(values: DataValues) {
  const person = (values.mortgageeRepresentative ?? {}) as Record<string, unknown>;
  return { idNumber: text(person.idNumber), name: text(person.name) } as {
    idNumber: string;
    name: string;
  };
}

/** 抵押登记: the owner with the mortgagee, electronic at the mortgagee's bank (R164 §§31–35). */
export const mortgage: BusinessForm<'vehicle.mortgage'> = {
  type: 'vehicle.mortgage',
  Fields: MortgageFields,
  toData: (values) => ({
    plate: text(values.plate),
    mortgageeOrgCode: text(values.mortgageeOrgCode),
    contractNo: text(values.contractNo),
    mortgageeRepresentative: values.withRepresentative ? representative(values) : undefined,
  }),
  fieldPaths: [
    'plate',
    'mortgageeOrgCode',
    'contractNo',
    'mortgageeRepresentative.idNumber',
    'mortgageeRepresentative.name',
  ],
};
