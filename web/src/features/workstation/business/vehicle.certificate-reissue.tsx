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

/** The vehicle, and the mortgagee where it is mortgaged (R164 §32). */
function CertificateReissueFields() {
  const { t } = useLanguage();
  const optional = useOptional();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup />
      <Row gutter={16}>
        <TextField
          name="mortgageeOrgCode"
          label={optional(t('vehicleBusiness.mortgageeOrgCode'))}
          extra={t('vehicleBusiness.mortgageeHint')}
          maxLength={18}
        />
        <MortgageeRepresentativeFields />
      </Row>
    </Space>
  );
}

/** 补领登记证书: never by an agent (R164 §86); the picker shows it as owner in person only. */
export const certificateReissue: BusinessForm<'vehicle.certificate-reissue'> = {
  type: 'vehicle.certificate-reissue',
  Fields: CertificateReissueFields,
  toData: (values) => ({
    plate: text(values.plate),
    mortgageeOrgCode: text(values.mortgageeOrgCode),
    mortgageeRepresentative: mortgageeRepresentative(values),
  }),
  fieldPaths: ['plate', 'mortgageeOrgCode', ...REPRESENTATIVE_PATHS],
};
