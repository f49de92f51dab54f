import { Col, Form, InputNumber, Row, Switch } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import type { BusinessForm } from './definition.ts';

interface Values {
  studyHours?: number | null;
  healthDeclared?: boolean;
}

function LicenceReviewFields() {
  const { t } = useLanguage();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['data', 'studyHours']} label={t('driver.studyHours')} required>
          <InputNumber min={0} max={24} style={{ width: '100%' }} data-testid="data-studyHours" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['data', 'healthDeclared']}
          label={t('driver.healthDeclared')}
          valuePropName="checked"
        >
          <Switch data-testid="data-healthDeclared" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 驾驶证审验 (R162 §§72–73). */
export const licenceReview: BusinessForm<'licence.review'> = {
  type: 'licence.review',
  Fields: LicenceReviewFields,
  initialValues: { healthDeclared: false },
  toData: (values: Values) => ({
    studyHours: values.studyHours ?? undefined,
    healthDeclared: values.healthDeclared ?? false,
  }),
  fieldPaths: ['studyHours', 'healthDeclared'],
};
