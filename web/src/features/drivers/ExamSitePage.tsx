import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { LICENCE_CLASSES } from '#shared/licences.ts';
import { examResultRequestSchema, type ExamResultResponse } from '#shared/schemas/exams.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant, todayInBeijing } from '../../lib/dates.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { issuesToFields } from '../workstation/validation.ts';
import { useRecordExamResult, useSiteResults } from './api.ts';

interface Values {
  idNumber?: string;
  subject?: number;
  class?: string;
  examinerId?: string;
  score?: number | null;
  passed?: boolean;
  absent?: boolean;
  faceMatch?: 'pass' | 'fail' | 'manual';
  time?: [Dayjs, Dayjs] | null;
  recordingRef?: string;
  vehiclePlate?: string;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** An exam site's desk: send each result as the exam ends; the day's results below. */
export default function ExamSitePage() {
  const { t, language, legalBasis } = useLanguage();
  usePageTitle(t('driver.site.title'));
  const { user } = useAuth();
  const describe = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const record = useRecordExamResult();
  const today = todayInBeijing();
  const results = useSiteResults(today);
  const [sent, setSent] = useState<ExamResultResponse | null>(null);

  const onFinish = async (v: Values) => {
    setSent(null);
    const parsed = examResultRequestSchema.safeParse({
      idNumber: v.idNumber?.trim(),
      subject: v.subject,
      class: v.class,
      examSiteCode: user?.outletCode ?? '',
      examinerId: blank(v.examinerId),
      score: v.score ?? undefined,
      passed: v.passed ?? false,
      absent: v.absent ?? false,
      faceMatch: v.faceMatch,
      startedAt: v.time?.[0]?.toISOString(),
      finishedAt: v.time?.[1]?.toISOString(),
      recordingRef: blank(v.recordingRef),
      vehiclePlate: blank(v.vehiclePlate),
    });
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues, '', language, t).map((f) => ({
        ...f,
        name: (f.name as (string | number)[])
          .filter((p) => p !== '')
          .map((p) => (p === 'startedAt' || p === 'finishedAt' ? 'time' : p)),
      }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    const answer = await record.mutateAsync(parsed.data).catch(() => null);
    if (answer) setSent(answer);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        {t('driver.site.title')}
        <Typography.Text type="secondary" className="title-note">
          {user?.outletName}
        </Typography.Text>
      </Typography.Title>
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            subject: 1,
            class: 'C1',
            faceMatch: 'pass',
            passed: true,
            absent: false,
            time: [dayjs().subtract(45, 'minute'), dayjs()],
          }}
          data-testid="exam-result-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="idNumber" label={t('workstation.idNumber')} required>
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="subject" label={t('driver.subject')} required>
                <Select
                  options={[1, 2, 3, 4].map((s) => ({
                    value: s,
                    label: t(`driver.subjects.${s}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="class" label={t('driver.class')} required>
                <Select options={LICENCE_CLASSES.map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="examinerId" label={t('driver.site.examinerId')} required>
                <Input maxLength={32} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="score" label={t('driver.site.score')} required>
                <InputNumber min={0} max={100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="passed" label={t('driver.site.passed')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="absent" label={t('driver.site.absent')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="faceMatch" label={t('driver.site.faceMatch')} required>
                <Select
                  options={(['pass', 'fail', 'manual'] as const).map((f) => ({
                    value: f,
                    label: t(`driver.site.faceMatches.${f}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="time"
                label={`${t('driver.site.startedAt')} ~ ${t('driver.site.finishedAt')}`}
                required
              >
                <DatePicker.RangePicker showTime style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="recordingRef" label={t('driver.site.recordingRef')}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="vehiclePlate" label={t('driver.site.vehiclePlate')}>
                <Input maxLength={10} autoComplete="off" />
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
              data-testid="exam-result-sent"
              title={t('common.labelled', {
                label: t('driver.site.recorded'),
                value: sent.counted ? t('driver.site.counted') : t('driver.site.notCounted'),
              })}
              description={
                sent.reasons.length > 0 && (
                  <ul data-testid="exam-result-reasons">
                    {sent.reasons.map((r) => (
                      <li key={r.code}>
                        {t('common.withNote', {
                          text: language === 'en' ? r.messageEn : r.message,
                          note: legalBasis(r.legalBasis),
                        })}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            disabled={record.isPending}
            data-testid="submit-exam-result"
          >
            {t('driver.site.submit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('driver.site.today')}>
        <ScrollRegion label={t('driver.site.today')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={results.data?.items ?? []}
            data-testid="site-results"
            columns={[
              { title: t('driver.site.startedAt'), render: (_, r) => formatInstant(r.startedAt) },
              { title: t('workstation.idNumber'), dataIndex: 'idNumber' },
              { title: t('driver.subject'), render: (_, r) => t(`driver.subjects.${r.subject}`) },
              { title: t('driver.class'), dataIndex: 'class' },
              { title: t('driver.site.score'), dataIndex: 'score' },
              {
                title: t('driver.file.status'),
                render: (_, r) =>
                  r.absent
                    ? t('driver.file.absent')
                    : r.passed
                      ? t('driver.file.passed')
                      : t('driver.file.failed'),
              },
              {
                title: t('driver.file.counted'),
                render: (_, r) => (r.counted ? t('driver.file.counted') : ''),
              },
            ]}
          />
        </ScrollRegion>
      </Card>
    </Space>
  );
}
