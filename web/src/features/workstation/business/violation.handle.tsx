import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { idNumberSchema } from '#shared/validators/index.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useErrorMessage } from '../../../lib/errors.ts';
import { useHandlingPreview } from '../../drivers/api.ts';
import { HandlingCheck } from '../../drivers/HandlingCheck.tsx';
import { issueMessage } from '../validation.ts';
import { text, type BusinessForm } from './definition.ts';

/** The record number, and the check the window makes before it submits (R163 §14, 3 × 3). */
function ViolationHandleFields() {
  const { t, language } = useLanguage();
  const form = Form.useFormInstance();
  const describe = useErrorMessage();
  const [ask, setAsk] = useState<{ violationId: string; idNumber: string } | null>(null);
  const preview = useHandlingPreview(ask);
  const check = () => {
    const violationId = text(form.getFieldValue(['data', 'violationId']));
    const id = idNumberSchema.safeParse(
      String(form.getFieldValue(['applicant', 'idNumber']) ?? ''),
    );
    if (violationId && id.success) return setAsk({ violationId, idNumber: id.data });
    // Said at each field: the check needs both, and a button that does nothing tells no one why.
    form.setFields([
      { name: ['data', 'violationId'], errors: violationId ? [] : [t('validation.required')] },
      {
        name: ['applicant', 'idNumber'],
        errors: id.success
          ? []
          : id.error.issues.map((i) => issueMessage(i, language, t, 'idNumber')),
      },
    ]);
  };
  return (
    <>
      <Form.Item label={t('driver.violationId')} htmlFor="data_violationId" required>
        <Space.Compact>
          <Form.Item name={['data', 'violationId']} noStyle>
            <Input
              maxLength={40}
              autoComplete="off"
              style={{ width: 260 }}
              data-testid="data-violationId"
            />
          </Form.Item>
          <Button
            icon={<SafetyCertificateOutlined aria-hidden />}
            onClick={check}
            disabled={preview.isFetching}
            data-testid="check-handling"
          >
            {t('driver.check')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {preview.data && <HandlingCheck preview={preview.data} />}
      {preview.error && <Alert type="warning" showIcon title={describe(preview.error)} />}
    </>
  );
}

/** 交通违法处理: the applicant is the driver who takes the points. */
export const violationHandle: BusinessForm<'violation.handle'> = {
  type: 'violation.handle',
  Fields: ViolationHandleFields,
  toData: (values) => ({ violationId: text(values.violationId) }),
  fieldPaths: ['violationId'],
};
