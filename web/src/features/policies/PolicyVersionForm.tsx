import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useAddPolicyVersion, type PolicyKey } from './api.ts';
import { usePolicyName } from './usePolicyName.ts';

interface Values {
  key: string;
  value: number;
  effectiveFrom: Dayjs;
  legalBasis?: string;
  note?: string;
}

/**
 * A new version of a policy value, effective today or later. OK submits the form, so that an
 * incomplete form only shows its messages (validateFields would reject, uncaught).
 */
export function PolicyVersionForm({
  keys,
  open,
  onClose,
}: {
  keys: PolicyKey[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const policyName = usePolicyName();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<Values>();
  const add = useAddPolicyVersion();
  const today = todayInBeijing();

  const submit = async (v: Values) => {
    try {
      await add.mutateAsync({
        key: v.key,
        value: v.value,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        legalBasis: v.legalBasis?.trim() || undefined,
        note: v.note?.trim() || undefined,
      });
      void message.success(t('policies.added'));
      form.resetFields();
      onClose();
    } catch (e) {
      toastError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('policies.addTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item
          name="key"
          label={t('policies.key')}
          rules={[{ required: true, message: t('policies.keyRequired') }]}
        >
          <Select
            options={keys.map((k) => ({ value: k.key, label: policyName(k) }))}
            onChange={(key: string) =>
              form.setFieldValue('legalBasis', keys.find((k) => k.key === key)?.legalBasis)
            }
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('policies.value')}
          rules={[{ required: true, message: t('policies.valueRequired') }]}
        >
          <InputNumber min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('policies.effectiveFrom')}
          extra={t('policies.effectiveFromHint')}
          rules={[{ required: true, message: t('policies.dateRequired') }]}
        >
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('policies.legalBasis')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('policies.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
