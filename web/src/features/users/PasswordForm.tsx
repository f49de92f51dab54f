import { App, Form, Modal, Typography } from 'antd';
import { MIN_PASSWORD_LENGTH } from '#shared/schemas/users.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useFocusReturn } from '../../lib/useFocusReturn.ts';
import { useResetPassword } from './api.ts';
import { showFieldErrors } from './serverErrors.ts';
import { ConfirmPassword } from './UserForm.tsx';
import { PasswordInput } from '../../lib/PasswordInput.tsx';

/** Sets a new password for a user who has forgotten theirs; the administrator passes it on. */
export function PasswordForm({ username, onClose }: { username: string; onClose: () => void }) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  useFocusReturn();
  const reset = useResetPassword();

  const submit = async () => {
    // A form with errors shows them at its fields; nothing more to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const { password } = v;
    try {
      await reset.mutateAsync({ username, password });
      void message.success(t('users.passwordReset', { username }));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, ['password'])) toastError(e);
    }
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { username })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="password-reset">
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          rules={[
            { required: true, message: t('users.passwordRequired') },
            {
              min: MIN_PASSWORD_LENGTH,
              message: t('users.passwordHint', { min: MIN_PASSWORD_LENGTH }),
            },
          ]}
        >
          <PasswordInput autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <ConfirmPassword />
      </Form>
    </Modal>
  );
}
