import { Button, Card, Form, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RECTIFICATION_STATUSES } from '#shared/schemas/service.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { StatusFilter } from '../supervision/StatusFilter.tsx';
import { RecordModal } from './RecordModal.tsx';
import { useRecordRectification, useRectifications, type Rectification } from './api.ts';

const STATUS_COLOR: Record<Rectification['status'], string> = {
  open: 'blue',
  escalated: 'red',
  done: 'green',
};

/** The outlet writes down what it did about a bad rating. */
function RecordDialog({ item, onClose }: { item: Rectification; onClose: () => void }) {
  const { t } = useLanguage();
  const record = useRecordRectification(item.id);
  return (
    <RecordModal<{ action: string }>
      title={t('service.recordTitle')}
      okText={t('service.record')}
      name="rectification"
      pending={record.isPending}
      save={(v, onSaved) => record.mutate(v.action, { onSuccess: onSaved })}
      done={t('service.recorded')}
      onClose={onClose}
    >
      <Form.Item
        name="action"
        label={t('service.action')}
        rules={[{ required: true, whitespace: true, message: t('service.actionRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={1000} />
      </Form.Item>
    </RecordModal>
  );
}

/** Rectifications after bad ratings: due, escalated past their deadline, or done. */
export function RectificationsCard({ canRecord }: { canRecord: boolean }) {
  const { t } = useLanguage();
  const [status, setStatus] = useState<Rectification['status'] | undefined>();
  const pages = useCursorPages();
  const list = useRectifications({ status, after: pages.after });
  const [recording, setRecording] = useState<Rectification | null>(null);
  return (
    <Card size="small" title={t('service.rectifications')}>
      <div style={{ marginBottom: 12 }}>
        <StatusFilter
          value={status}
          statuses={RECTIFICATION_STATUSES}
          labelOf={(s) => t(`service.rectificationStatuses.${s}`)}
          onChange={(s) => {
            setStatus(s);
            pages.reset();
          }}
        />
      </div>
      <ScrollRegion label={t('service.rectifications')}>
        <Table<Rectification>
          data-testid="rectifications"
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">{t('service.noRectifications')}</Typography.Text>
            ),
          }}
          columns={[
            { title: t('service.outlet'), dataIndex: 'outletCode' },
            { title: t('service.score'), dataIndex: 'score', align: 'right' },
            {
              title: t('service.complaint'),
              dataIndex: 'complaint',
              render: (c: string | null) => c ?? '—',
            },
            { title: t('service.dueOn'), dataIndex: 'dueOn' },
            {
              title: t('service.status'),
              dataIndex: 'status',
              render: (s: Rectification['status'], r) => (
                <>
                  <Tag color={STATUS_COLOR[s]}>{t(`service.rectificationStatuses.${s}`)}</Tag>
                  {r.escalation && s === 'done' && (
                    <Tag>{t(`service.levels.${r.escalation.level}`)}</Tag>
                  )}
                </>
              ),
            },
            {
              title: t('service.action'),
              render: (_, r) =>
                r.done ? (
                  r.done.action
                ) : canRecord ? (
                  <Button size="small" onClick={() => setRecording(r)} data-testid="record">
                    {t('service.record')}
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </ScrollRegion>
      <CursorPager
        pages={pages}
        nextCursor={list.data?.nextCursor}
        label={t('service.rectifications')}
      />
      {recording && <RecordDialog item={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}
