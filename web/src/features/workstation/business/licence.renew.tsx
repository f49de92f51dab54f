import { Form, Input } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { text, type BusinessForm } from './definition.ts';

function LicenceRenewFields() {
  const { t } = useLanguage();
  return (
    <Form.Item
      name={['data', 'medicalCertificateNo']}
      label={t('driver.medicalCertificateNo')}
      required
    >
      <Input
        maxLength={40}
        autoComplete="off"
        style={{ maxWidth: 320 }}
        data-testid="data-medicalCertificateNo"
      />
    </Form.Item>
  );
}

/** 驾驶证有效期满换证 with a medical certificate (R162 §63). */
export const licenceRenew: BusinessForm<'licence.renew'> = {
  type: 'licence.renew',
  Fields: LicenceRenewFields,
  toData: (values) => ({ medicalCertificateNo: text(values.medicalCertificateNo) }),
  fieldPaths: ['medicalCertificateNo'],
};
