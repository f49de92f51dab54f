import { Alert as Notice, App, Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { DISPOSITION_ACTIONS } from '#shared/schemas/supervision.ts';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useDispose, type Alert } from './api.ts';

interface Values {
  action: (typeof DISPOSITION_ACTIONS)[number];
  note: string;
  deadline?: Dayjs;
}

/** Dispose of an alert: dismiss, interview, rectify by a deadline, suspend or end the delegation. */
export function DispositionForm({ alert }: { alert: Alert }) {
  const { t } = useLanguage();
  const { user } = useAuth();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const dispose = useDispose(alert.id);
  const [form] = Form.useForm<Values>();
  const action = Form.useWatch('action', form);
  // Sanctions act on a delegated outlet (an alert about a vehicle or person has none), and
  // they are the detachment's decision: a brigade interviews or orders rectification.
  const sanctions = !!alert.outletCode && user?.scope.level === 'city';
  const actions = DISPOSITION_ACTIONS.filter(
    (a) => sanctions || (a !== 'suspend' && a !== 'terminate'),
  );
  const submit = async (v: Values) => {
    try {
      await dispose.mutateAsync({
        action: v.action,
        note: v.note.trim(),
        deadline: v.deadline?.format('YYYY-MM-DD'),
      });
      void message.success(t('supervision.disposed'));
      form.resetFields();
    } catch (e) {
      toastError(e);
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      style={{ marginTop: 16 }}
      data-testid="disposition-form"
    >
      <Form.Item
        name="action"
        label={t('supervision.action')}
        rules={[{ required: true, message: t('supervision.actionRequired') }]}
      >
        <Select
          data-testid="disposition-action"
          options={actions.map((a) => ({ value: a, label: t(`supervision.actions.${a}`) }))}
        />
      </Form.Item>
      {action === 'rectify' && (
        <Form.Item
          name="deadline"
          label={t('supervision.deadline')}
          rules={[{ required: true, message: t('supervision.deadlineRequired') }]}
        >
          <DatePicker
            disabledDate={(d) => d.format('YYYY-MM-DD') <= todayInBeijing()}
            style={{ width: '100%' }}
          />
        </Form.Item>
      )}
      {(action === 'suspend' || action === 'terminate') && (
        <Notice
          type="warning"
          showIcon
          title={t('supervision.suspendHint')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="note"
        label={t('supervision.note')}
        rules={[{ required: true, whitespace: true, message: t('supervision.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="disposition-note" />
      </Form.Item>
      <Button
        type="primary"
        danger={action === 'suspend' || action === 'terminate'}
        htmlType="submit"
        loading={dispose.isPending}
        data-testid="disposition-submit"
      >
        {t('supervision.dispose')}
      </Button>
    </Form>
  );
}
