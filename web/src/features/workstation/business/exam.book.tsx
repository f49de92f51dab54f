import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLanguage } from '../../../i18n/index.ts';
import { enterOnlyConfirms } from '../../../lib/enterOnlyConfirms.ts';
import { text, type BusinessForm } from './definition.ts';

interface Values {
  subject?: number;
  examSiteCode?: string;
  preferredDates?: Dayjs[] | null;
}

function ExamBookFields() {
  const { t } = useLanguage();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={['data', 'subject']} label={t('driver.subject')} required>
          <Select
            data-testid="data-subject"
            options={[1, 2, 3, 4].map((s) => ({ value: s, label: t(`driver.subjects.${s}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['data', 'examSiteCode']}
          label={`${t('driver.examSite')} (${t('common.optional')})`}
        >
          <Input maxLength={32} autoComplete="off" data-testid="data-examSiteCode" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['data', 'preferredDates']} label={t('driver.preferredDates')}>
          <DatePicker
            multiple
            maxTagCount="responsive"
            style={{ width: '100%' }}
            onKeyDown={enterOnlyConfirms}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 考试预约: waits for the ranking at the session's close (R162 §39). */
export const examBook: BusinessForm<'exam.book'> = {
  type: 'exam.book',
  Fields: ExamBookFields,
  initialValues: { subject: 1 },
  toData: (values: Values) => ({
    subject: values.subject,
    examSiteCode: text(values.examSiteCode),
    preferredDates: values.preferredDates?.length
      ? values.preferredDates.map((d) => d.format('YYYY-MM-DD'))
      : undefined,
  }),
  fieldPaths: ['subject', 'examSiteCode', 'preferredDates'],
};
