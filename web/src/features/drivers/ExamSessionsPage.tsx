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
import { useCloseSession, useCreateSession, useSessions, type SessionRanking } from './api.ts';

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

  const onCreate = (v: Values) =>
    create
      .mutateAsync({
        examSiteCode: v.examSiteCode?.trim() ?? '',
        subject: v.subject ?? 1,
        date: v.date?.format('YYYY-MM-DD') ?? '',
        capacity: v.capacity ?? 0,
      })
      .catch(() => undefined);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('driver.sessions.title')}</Typography.Title>
      <Card size="small" title={t('driver.sessions.create')}>
        <Form<Values>
          layout="inline"
          onFinish={onCreate}
          initialValues={{ subject: 2, capacity: 20 }}
        >
          <Form.Item name="examSiteCode" label={t('driver.examSite')} required>
            <Input maxLength={32} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="subject" label={t('driver.subject')} required>
            <Select
              style={{ width: 160 }}
              options={[1, 2, 3, 4].map((s) => ({ value: s, label: t(`driver.subjects.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="date" label={t('driver.sessions.date')} required>
            <DatePicker />
          </Form.Item>
          <Form.Item name="capacity" label={t('driver.sessions.capacity')} required>
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
