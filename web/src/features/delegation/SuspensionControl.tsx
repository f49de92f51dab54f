import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useRestore, useSuspend } from './api.ts';

interface Props {
  outletCode: string;
  suspended: boolean;
}

/**
 * Suspend (with a required reason) or restore (with an optional note) one outlet. OK submits
 * the form, so that a missing reason only shows its message.
 */
export function SuspensionControl({ outletCode, suspended }: Props) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ text?: string }>();
  const suspend = useSuspend();
  const restore = useRestore();
  const busy = suspend.isPending || restore.isPending;

  const submit = async ({ text }: { text?: string }) => {
    try {
      if (suspended) {
        await restore.mutateAsync({ outletCode, note: text?.trim() || undefined });
        void message.success(t('delegation.restored'));
      } else {
        await suspend.mutateAsync({ outletCode, reason: text!.trim() });
        void message.success(t('delegation.suspended'));
      }
      setOpen(false);
      form.resetFields();
    } catch (e) {
      toastError(e);
    }
  };

  return (
    <>
      <Button
        danger={!suspended}
        icon={suspended ? <PlayCircleOutlined aria-hidden /> : <PauseCircleOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid={suspended ? 'restore-outlet' : 'suspend-outlet'}
      >
        {suspended ? t('delegation.restore') : t('delegation.suspend')}
      </Button>
      <Modal
        open={open}
        title={suspended ? t('delegation.restoreTitle') : t('delegation.suspendTitle')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: !suspended, loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {!suspended && <Typography.Paragraph>{t('delegation.suspendHint')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" preserve={false} onFinish={submit}>
          <Form.Item
            name="text"
            label={suspended ? t('delegation.note') : t('delegation.reason')}
            rules={
              suspended
                ? []
                : [
                    {
                      required: true,
                      whitespace: true,
                      min: 2,
                      message: t('delegation.reasonRequired'),
                    },
                  ]
            }
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="suspension-text" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
