import { Col, Form, Input, Row } from 'antd';
import { useLanguage } from '../../i18n/index.ts';

/** Identity number, name and optional phone of the applicant or the agent. */
export function PersonFields({ prefix }: { prefix: 'applicant' | 'agent' }) {
  const { t } = useLanguage();
  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Form.Item name={[prefix, 'idNumber']} label={t('workstation.idNumber')} required>
          <Input maxLength={18} autoComplete="off" data-testid={`${prefix}-idNumber`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        <Form.Item name={[prefix, 'name']} label={t('workstation.name')} required>
          <Input maxLength={64} autoComplete="off" data-testid={`${prefix}-name`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        <Form.Item
          name={[prefix, 'phone']}
          label={`${t('workstation.phone')} (${t('common.optional')})`}
        >
          <Input maxLength={16} autoComplete="off" data-testid={`${prefix}-phone`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
