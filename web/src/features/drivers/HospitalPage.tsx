import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { LICENCE_CLASSES } from '#shared/licences.ts';
import { medicalCertificateRequestSchema } from '#shared/schemas/licences.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useClearable } from '../../lib/clearable.tsx';
import { enterOnlyConfirms } from '../../lib/enterOnlyConfirms.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { issuesToFields } from '../workstation/validation.ts';
import { useRecordCertificate } from './api.ts';
import { RenewalPanel } from './RenewalPanel.tsx';

interface Values {
  idNumber?: string;
  name?: string;
  examinedOn?: Dayjs | null;
  conclusion?: 'fit' | 'unfit';
  classes?: string[];
  cognitiveTest?: 'pass' | 'fail';
}

/**
 * The hospital exam point (警医): send a driver's medical certificate, then renew the licence
 * with it in the same visit (one stop).
 */
export default function HospitalPage() {
  const { t, language } = useLanguage();
  const clearable = useClearable();
  usePageTitle(t('driver.hospital.title'));
  const describe = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const record = useRecordCertificate();
  const [person, setPerson] = useState<{ idNumber: string; name: string } | null>(null);
  const [sent, setSent] = useState<{ certificateNo: string; validUntil: string } | null>(null);

  const onFinish = async (v: Values) => {
    const parsed = medicalCertificateRequestSchema.safeParse({
      idNumber: v.idNumber?.trim(),
      name: v.name?.trim(),
      examinedOn: v.examinedOn?.format('YYYY-MM-DD'),
      conclusion: v.conclusion,
      classes: v.classes?.length ? v.classes : undefined,
      cognitiveTest: v.cognitiveTest,
    });
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues, '', language, t).map((f) => ({
        ...f,
        name: (f.name as (string | number)[]).filter((p) => p !== ''),
      }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    const answer = await record.mutateAsync(parsed.data).catch(() => null);
    if (!answer) return;
    setSent(answer);
    setPerson({ idNumber: parsed.data.idNumber, name: parsed.data.name });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('driver.hospital.title')}</Typography.Title>
      <Card size="small" title={t('driver.hospital.certificate')}>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ examinedOn: dayjs(), conclusion: 'fit' }}
          data-testid="certificate-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="idNumber" label={t('workstation.idNumber')} required>
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="name" label={t('workstation.name')} required>
                <Input maxLength={64} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="examinedOn" label={t('driver.hospital.examinedOn')} required>
                <DatePicker style={{ width: '100%' }} onKeyDown={enterOnlyConfirms} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="conclusion" label={t('driver.hospital.conclusion')} required>
                <Select
                  options={(['fit', 'unfit'] as const).map((c) => ({
                    value: c,
                    label: t(`driver.file.conclusions.${c}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="cognitiveTest" label={t('driver.hospital.cognitiveTest')}>
                <Select
                  allowClear={clearable}
                  options={(['pass', 'fail'] as const).map((c) => ({
                    value: c,
                    label: t(`driver.hospital.cognitiveTests.${c}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="classes" label={t('driver.hospital.classes')}>
                <Select
                  mode="multiple"
                  options={LICENCE_CLASSES.map((c) => ({ value: c, label: c }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {record.error && (
            <Alert type="error" showIcon title={describe(record.error)} className="form-problem" />
          )}
          {sent && (
            <Alert
              type="success"
              showIcon
              className="form-problem"
              data-testid="certificate-recorded"
              title={t('driver.hospital.recorded', {
                no: sent.certificateNo,
                until: sent.validUntil,
              })}
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            disabled={record.isPending}
            data-testid="record-certificate"
          >
            {t('driver.hospital.record')}
          </Button>
        </Form>
      </Card>
      <RenewalPanel person={person} certificateNo={sent?.certificateNo ?? null} />
    </Space>
  );
}
