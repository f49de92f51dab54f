import { Button, Card, Checkbox, Form, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CALLBACK_STATUSES } from '#shared/schemas/service.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { LoadMore } from '../../lib/LoadMore.tsx';
import { StatusFilter } from '../supervision/StatusFilter.tsx';
import { RecordModal } from './RecordModal.tsx';
import { useCallbacks, useRecordCallback, type Callback } from './api.ts';

interface Outcome {
  reached: boolean;
  satisfied: boolean;
  note: string;
}

/** Whoever calls the person back writes down whether they were reached and satisfied. */
function RecordDialog({ item, onClose }: { item: Callback; onClose: () => void }) {
  const { t } = useLanguage();
  const record = useRecordCallback(item.id);
  return (
    <RecordModal<Outcome>
      title={t('service.callbackRecordTitle')}
      okText={t('service.recordCallback')}
      name="callback"
      initialValues={{ reached: true, satisfied: false, note: '' }}
      pending={record.isPending}
      save={(v, onSaved) =>
        record.mutate(
          { reached: v.reached, ...(v.reached ? { satisfied: v.satisfied } : {}), note: v.note },
          { onSuccess: onSaved },
        )
      }
      done={t('service.callbackRecorded')}
      onClose={onClose}
    >
      <Form.Item name="reached" valuePropName="checked">
        <Checkbox>{t('service.reached')}</Checkbox>
      </Form.Item>
      <Form.Item name="satisfied" valuePropName="checked">
        <Checkbox>{t('service.satisfied')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="note"
        label={t('service.note')}
        rules={[{ required: true, whitespace: true, message: t('service.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </RecordModal>
  );
}

/** Call-backs (回访): every bad rating and the daily sample, soonest due first. */
export function CallbacksCard() {
  const { t } = useLanguage();
  const [status, setStatus] = useState<Callback['status'] | undefined>('open');
  const list = useCallbacks(status);
  const [recording, setRecording] = useState<Callback | null>(null);
  return (
    <Card size="small" title={t('service.callbacks')}>
      <div style={{ marginBottom: 12 }}>
        <StatusFilter
          value={status}
          statuses={CALLBACK_STATUSES}
          labelOf={(s) => t(`service.callbackStatuses.${s}`)}
          onChange={setStatus}
        />
      </div>
      <ScrollRegion label={t('service.callbacks')}>
        <Table<Callback>
          data-testid="callbacks"
          size="small"
          rowKey="id"
          loading={list.pages.isLoading}
          dataSource={list.items}
          pagination={false}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">{t('service.noCallbacks')}</Typography.Text>
            ),
          }}
          columns={[
            { title: t('service.outlet'), dataIndex: 'outletCode' },
            {
              title: t('service.reason'),
              dataIndex: 'reason',
              render: (r: Callback['reason']) => (
                <Tag color={r === 'rating' ? 'red' : 'blue'}>{t(`service.reasons.${r}`)}</Tag>
              ),
            },
            { title: t('service.dueAt'), dataIndex: 'dueAt', render: formatInstant },
            {
              title: t('service.outcome'),
              render: (_, c) =>
                c.outcome ? (
                  c.outcome.note
                ) : (
                  <Button
                    size="small"
                    onClick={() => setRecording(c)}
                    data-testid="record-callback"
                  >
                    {t('service.recordCallback')}
                  </Button>
                ),
            },
          ]}
        />
      </ScrollRegion>
      <LoadMore pages={list.pages} />
      {recording && <RecordDialog item={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}
