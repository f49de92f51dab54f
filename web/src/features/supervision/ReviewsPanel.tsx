import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { REVIEW_VERDICTS } from '#shared/schemas/supervision.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { formatInstant, todayInBeijing } from '../../lib/dates.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useReviewDraw, useReviews, useVerdict, type Review } from './api.ts';
import { StatusFilter } from './StatusFilter.tsx';

interface VerdictValues {
  verdict: (typeof REVIEW_VERDICTS)[number];
  note: string;
}

/** The verdict on one recording: in order, or irregular (which raises an alert). */
function VerdictModal({ review, onClose }: { review: Review | null; onClose: () => void }) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<VerdictValues>();
  const verdict = useVerdict(review?.id ?? '');
  return (
    <Modal
      open={review !== null}
      title={t('supervision.reviews.verdictTitle', { exam: review?.examId ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('supervision.reviews.record')}
      cancelText={t('common.cancel')}
      confirmLoading={verdict.isPending}
      destroyOnHidden
    >
      {review && (
        <Form<VerdictValues>
          form={form}
          layout="vertical"
          name="verdict"
          data-testid="verdict-form"
          onFinish={async (v) => {
            try {
              const r = await verdict.mutateAsync({ verdict: v.verdict, note: v.note.trim() });
              void message.success(
                r.alertId ? t('supervision.reviews.alerted') : t('supervision.reviews.recorded'),
              );
              onClose();
            } catch (e) {
              toastError(e);
            }
          }}
        >
          <Typography.Paragraph>
            {t('supervision.reviews.recording')}{' '}
            <Typography.Text code>{review.recordingRef}</Typography.Text>
          </Typography.Paragraph>
          <Form.Item
            name="verdict"
            label={t('supervision.reviews.verdict')}
            rules={[{ required: true, message: t('supervision.reviews.verdictRequired') }]}
          >
            <Radio.Group
              options={REVIEW_VERDICTS.map((v) => ({
                value: v,
                label: t(`supervision.reviews.verdicts.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('supervision.note')}
            rules={[{ required: true, whitespace: true, message: t('supervision.noteRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** The daily audio/video review queue of exam recordings, and the verdicts on them. */
export function ReviewsPanel() {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [status, setStatus] = useState<Review['status'] | undefined>('pending');
  const [date, setDate] = useState<string | undefined>();
  const pages = useCursorPages();
  const reviews = useReviews({ status, date, after: pages.after });
  const draw = useReviewDraw();
  const [selected, setSelected] = useState<Review | null>(null);
  const yesterday = dayjs(todayInBeijing()).subtract(1, 'day').format('YYYY-MM-DD');
  return (
    <Card size="small" title={t('supervision.reviews.title')}>
      <Typography.Paragraph type="secondary">{t('supervision.reviews.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusFilter
          value={status}
          statuses={['pending', 'done']}
          labelOf={(s) => t(`supervision.reviews.statuses.${s}`)}
          onChange={(v) => {
            setStatus(v);
            pages.reset();
          }}
        />
        <DatePicker
          aria-label={t('supervision.reviews.date')}
          placeholder={t('supervision.reviews.date')}
          value={date ? dayjs(date) : null}
          onChange={(d) => {
            setDate(d ? d.format('YYYY-MM-DD') : undefined);
            pages.reset();
          }}
        />
        {user?.scope.level === 'city' && (
          <Button
            loading={draw.isPending}
            data-testid="review-draw"
            onClick={async () => {
              try {
                const r = await draw.mutateAsync(date ?? yesterday);
                void message.success(t('supervision.reviews.drawn', r));
              } catch (e) {
                toastError(e);
              }
            }}
          >
            {t('supervision.reviews.draw', { date: date ?? yesterday })}
          </Button>
        )}
      </Space>
      <ScrollRegion label={t('supervision.reviews.title')}>
        <Table<Review>
          data-testid="reviews"
          size="small"
          rowKey="id"
          loading={reviews.isLoading}
          dataSource={reviews.data?.items ?? []}
          pagination={false}
          style={{ minWidth: 1000 }}
          columns={[
            { title: t('supervision.reviews.date'), dataIndex: 'date' },
            { title: t('supervision.reviews.exam'), dataIndex: 'examId' },
            { title: t('supervision.exams.site'), dataIndex: 'examSiteCode' },
            { title: t('supervision.reviews.examiner'), dataIndex: 'examinerId' },
            { title: t('supervision.exams.subject'), dataIndex: 'subject', align: 'right' },
            { title: t('supervision.reviews.candidate'), dataIndex: 'candidate' },
            {
              title: t('supervision.reviews.startedAt'),
              dataIndex: 'examStartedAt',
              render: formatInstant,
            },
            {
              title: t('supervision.reviews.reason'),
              dataIndex: 'reason',
              render: (r: Review['reason']) => (
                <Tag color={r === 'flagged' ? 'warning' : 'default'}>
                  {t(`supervision.reviews.reasons.${r}`)}
                </Tag>
              ),
            },
            {
              title: t('supervision.reviews.verdict'),
              render: (_, r) =>
                r.verdict ? (
                  <Tag color={r.verdict === 'irregular' ? 'error' : 'success'}>
                    {t(`supervision.reviews.verdicts.${r.verdict}`)}
                  </Tag>
                ) : (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setSelected(r)}
                    data-testid="open-review"
                  >
                    {t('supervision.reviews.review')}
                  </Button>
                ),
            },
          ]}
        />
      </ScrollRegion>
      <CursorPager
        pages={pages}
        nextCursor={reviews.data?.nextCursor}
        label={t('supervision.reviews.title')}
      />
      <VerdictModal review={selected} onClose={() => setSelected(null)} />
    </Card>
  );
}
