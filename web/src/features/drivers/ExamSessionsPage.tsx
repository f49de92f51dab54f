import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { showFieldErrors } from '../users/serverErrors.ts';
import { useCloseSession, useCreateSession, useSessions, type SessionRanking } from './api.ts';

/** The request's fields, as the server's 400 details name them. */
const SESSION_FIELDS = ['examSiteCode', 'subject', 'date', 'capacity'];

interface Values {
  examSiteCode?: string;
  subject?: number;
  date?: Dayjs | null;
  capacity?: number | null;
}

/** Exam booking administration: sessions with their places; closing one allocates by the ranking. */
export default function ExamSessionsPage() {
  const { t } = useLanguage();
  usePageTitle(t('driver.sessions.title'));
  const describe = useErrorMessage();
  const sessions = useSessions();
  const create = useCreateSession();
  const close = useCloseSession();
  const [ranking, setRanking] = useState<SessionRanking | null>(null);
  const [form] = Form.useForm<Values>();
  // The fields say what is missing before anything is sent (they were only marked required).
  const required = [{ required: true, message: t('validation.required') }];

  const onCreate = (v: Values) =>
    create
      .mutateAsync({
        examSiteCode: v.examSiteCode?.trim() ?? '',
        subject: v.subject ?? 1,
        date: v.date?.format('YYYY-MM-DD') ?? '',
        capacity: v.capacity ?? 0,
      })
      // A 400's field errors under their fields, besides the alert below the form.
      .catch((e: unknown) => void showFieldErrors(form, e, SESSION_FIELDS));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('driver.sessions.title')}</Typography.Title>
      <Card size="small" title={t('driver.sessions.create')}>
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={onCreate}
          initialValues={{ subject: 2, capacity: 20 }}
        >
          <Form.Item
            name="examSiteCode"
            label={t('driver.examSite')}
            rules={[{ ...required[0], whitespace: true }]}
          >
            <Input maxLength={32} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="subject" label={t('driver.subject')} rules={required}>
            <Select
              style={{ width: 160 }}
              options={[1, 2, 3, 4].map((s) => ({ value: s, label: t(`driver.subjects.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="date" label={t('driver.sessions.date')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="capacity" label={t('driver.sessions.capacity')} rules={required}>
            <InputNumber min={1} max={2000} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={create.isPending}>
            {t('driver.sessions.create')}
          </Button>
        </Form>
        {create.error && (
          <Alert type="error" showIcon title={describe(create.error)} className="form-problem" />
        )}
      </Card>
      <Card size="small">
        <ScrollRegion label={t('driver.sessions.title')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            loading={sessions.isLoading}
            dataSource={sessions.data?.items ?? []}
            columns={[
              { title: t('driver.sessions.date'), dataIndex: 'date' },
              { title: t('driver.examSite'), dataIndex: 'examSiteCode' },
              { title: t('driver.subject'), render: (_, s) => t(`driver.subjects.${s.subject}`) },
              { title: t('driver.sessions.capacity'), dataIndex: 'capacity' },
              { title: t('driver.sessions.allocated'), dataIndex: 'allocated' },
              {
                title: t('driver.sessions.status'),
                render: (_, s) => <Tag>{t(`driver.sessions.statuses.${s.status}`)}</Tag>,
              },
              {
                title: t('driver.sessions.close'),
                render: (_, s) =>
                  s.status === 'open' ? (
                    <Button
                      size="small"
                      disabled={close.isPending}
                      onClick={() =>
                        close
                          .mutateAsync(s.id)
                          .then(setRanking)
                          .catch(() => undefined)
                      }
                    >
                      {t('driver.sessions.close')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </ScrollRegion>
        {close.error && (
          <Alert type="error" showIcon title={describe(close.error)} className="form-problem" />
        )}
      </Card>
      {ranking && (
        <Card size="small" title={`${t('driver.sessions.ranking')} · ${ranking.session.date}`}>
          <Table
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={ranking.ranking}
            columns={[
              { title: t('driver.sessions.rank'), dataIndex: 'rank' },
              { title: t('workstation.idNumber'), dataIndex: 'idNumber' },
            ]}
          />
          {ranking.waiting > 0 && (
            <Alert
              type="info"
              showIcon
              className="form-problem"
              title={t('driver.sessions.waiting', { count: ranking.waiting })}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
