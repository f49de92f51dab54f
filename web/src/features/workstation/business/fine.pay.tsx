import { Form, Input } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { text, type BusinessForm } from './definition.ts';

function FinePayFields() {
  const { t } = useLanguage();
  return (
    <Form.Item name={['data', 'violationId']} label={t('driver.violationId')} required>
      <Input
        maxLength={40}
        autoComplete="off"
        style={{ maxWidth: 320 }}
        data-testid="data-violationId"
      />
    </Form.Item>
  );
}

/** 罚款缴纳: the payer is the applicant; the late fee is computed on the day. */
export const finePay: BusinessForm<'fine.pay'> = {
  type: 'fine.pay',
  Fields: FinePayFields,
  toData: (values) => ({ violationId: text(values.violationId) }),
  fieldPaths: ['violationId'],
};
