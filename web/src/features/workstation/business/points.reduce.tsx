import { Col, Form, InputNumber, Row, Select, Switch } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import type { BusinessForm } from './definition.ts';

const METHODS = ['online', 'onsite', 'public-welfare'] as const;

interface Values {
  method?: (typeof METHODS)[number];
  minutes?: number | null;
  examPassed?: boolean;
}

/** The study or activity and its length, and whether the exam was passed (R163 §27). */
function PointsReduceFields() {
  const { t } = useLanguage();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={['data', 'method']} label={t('driver.method')} required>
          <Select
            data-testid="data-method"
            options={METHODS.map((m) => ({ value: m, label: t(`driver.methods.${m}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['data', 'minutes']} label={t('driver.minutes')} required>
          <InputNumber precision={0} min={0} style={{ width: '100%' }} data-testid="data-minutes" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['data', 'examPassed']}
          label={t('driver.examPassed')}
          valuePropName="checked"
        >
          <Switch data-testid="data-examPassed" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 学法减分. */
export const pointsReduce: BusinessForm<'points.reduce'> = {
  type: 'points.reduce',
  Fields: PointsReduceFields,
  initialValues: { method: 'online', examPassed: false },
  toData: (values: Values) => ({
    method: values.method,
    minutes: values.minutes ?? undefined,
    examPassed: values.examPassed ?? false,
  }),
  fieldPaths: ['method', 'minutes', 'examPassed'],
};
