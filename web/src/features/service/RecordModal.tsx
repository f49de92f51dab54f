import { App, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { useFocusReturn } from '../../lib/useFocusReturn.ts';

/**
 * The dialog in which an outcome is written down (a call-back, a rectification): a vertical form
 * sent with the dialog's button; on success it says so and closes.
 */
export function RecordModal<V extends object>({
  title,
  okText,
  name,
  initialValues,
  pending,
  save,
  done,
  onClose,
  children,
}: {
  title: string;
  /** The dialog's button. */
  okText: string;
  name: string;
  initialValues?: Partial<V>;
  pending: boolean;
  /** Sends the values; calls `onSaved` when the server took them. */
  save: (values: V, onSaved: () => void) => void;
  /** What the success message says. */
  done: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  useFocusReturn();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<V>
        form={form}
        layout="vertical"
        name={name}
        initialValues={initialValues}
        onFinish={(v) =>
          save(v, () => {
            void message.success(done);
            onClose();
          })
        }
      >
        {children}
      </Form>
    </Modal>
  );
}
