import { Col, Form, Input, Row, Select } from 'antd';
import { LICENCE_CLASSES, LICENCE_CLASS_INFO } from '#shared/licences.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { text, type BusinessForm } from './definition.ts';

function LicenceApplyFields() {
  const { t, language } = useLanguage();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={['data', 'class']} label={t('driver.class')} required>
          <Select
            data-testid="data-class"
            options={LICENCE_CLASSES.map((c) => ({
              value: c,
              label: `${c} ${language === 'en' ? LICENCE_CLASS_INFO[c].nameEn : LICENCE_CLASS_INFO[c].nameZh}`,
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['data', 'medicalCertificateNo']}
          label={t('driver.medicalCertificateNo')}
          required
        >
          <Input maxLength={40} autoComplete="off" data-testid="data-medicalCertificateNo" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['data', 'drivingSchoolCode']}
          label={`${t('driver.drivingSchoolCode')} (${t('common.optional')})`}
        >
          <Input maxLength={64} autoComplete="off" data-testid="data-drivingSchoolCode" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 初次申领/增加准驾车型: accepted, then the exams (R162 §§22, 30). */
export const licenceApply: BusinessForm<'licence.apply'> = {
  type: 'licence.apply',
  Fields: LicenceApplyFields,
  initialValues: { class: 'C1' },
  toData: (values) => ({
    class: values.class as (typeof LICENCE_CLASSES)[number] | undefined,
    medicalCertificateNo: text(values.medicalCertificateNo),
    drivingSchoolCode: text(values.drivingSchoolCode),
  }),
  fieldPaths: ['class', 'medicalCertificateNo', 'drivingSchoolCode'],
};
