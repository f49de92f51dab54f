import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { MIN_PASSWORD_LENGTH, passwordSchema } from '#shared/schemas/users.ts';
import { mobilePhoneSchema, smsCodeSchema } from '#shared/schemas/citizens.ts';
import { nameSchema } from '#shared/schemas/common.ts';
import { idNumberSchema } from '#shared/validators/index.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { homeOf } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { CitizenShell } from './CitizenShell.tsx';
import { showFieldErrors } from '../users/serverErrors.ts';
import { registerCitizen, sendSmsCode, type Registration } from './api.ts';
import { useSchemaCheck } from './validation.ts';
import { PasswordInput } from '../../lib/PasswordInput.tsx';

const FIELDS = ['idNumber', 'name', 'phone', 'smsCode', 'password'];

/** Real-name sign-up of the internet channel (mobile first): identity, phone code, password. */
export default function CitizenRegisterPage() {
  const { t } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const [form] = Form.useForm<Registration>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { rule } = useSchemaCheck();
  usePageTitle(t('citizen.registerTitle'));
  if (user) return <Navigate to={homeOf(user)} replace />;

  const required = (what: string) => ({ required: true, message: t('citizen.required', { what }) });

  const getCode = async () => {
    setError(null);
    try {
      const phone = await form.validateFields(['phone']).then((v) => v.phone);
      const answer = await sendSmsCode(phone);
      if (answer.demoCode) {
        form.setFieldValue('smsCode', answer.demoCode);
        setNotice(t('citizen.demoCode', { code: answer.demoCode }));
      } else setNotice(t('citizen.codeSent'));
    } catch (e) {
      if (e instanceof Error && 'status' in e) setError(describe(e));
    }
  };

  const onFinish = async (values: Registration) => {
    setBusy(true);
    setError(null);
    try {
      await registerCitizen(values);
      await login(values.phone, values.password);
      navigate('/citizen', { replace: true });
    } catch (e) {
      // A field the server found wrong is shown at the field, as the form's own checks are.
      if (!showFieldErrors(form, e, FIELDS)) setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CitizenShell>
      <Card>
        <Typography.Title level={2} className="citizen-card-title">
          {t('citizen.registerTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('citizen.registerHint')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon className="login-error" />}
        {notice && <Alert type="info" title={notice} showIcon className="login-error" />}
        <Form<Registration> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="idNumber"
            label={t('citizen.idNumber')}
            rules={[required(t('citizen.idNumber')), rule(idNumberSchema, 'idNumber')]}
          >
            <Input autoComplete="off" inputMode="text" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('citizen.name')}
            rules={[required(t('citizen.name')), rule(nameSchema, 'name')]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('citizen.phone')}
            rules={[
              required(t('citizen.phone')),
              rule(mobilePhoneSchema, 'phone', t('citizen.phoneInvalid')),
            ]}
          >
            <Input autoComplete="tel" inputMode="tel" />
          </Form.Item>
          <Form.Item label={t('citizen.smsCode')} required>
            <Space.Compact block>
              <Form.Item
                name="smsCode"
                noStyle
                rules={[
                  required(t('citizen.smsCode')),
                  rule(smsCodeSchema, 'smsCode', t('citizen.smsCodeInvalid')),
                ]}
              >
                <Input
                  id="smsCode"
                  aria-label={t('citizen.smsCode')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                />
              </Form.Item>
              <Button onClick={getCode}>{t('citizen.sendCode')}</Button>
            </Space.Compact>
          </Form.Item>
          <Form.Item
            name="password"
            label={t('citizen.password')}
            rules={[
              required(t('citizen.password')),
              rule(
                passwordSchema,
                'password',
                t('citizen.passwordShort', { min: MIN_PASSWORD_LENGTH }),
              ),
            ]}
          >
            <PasswordInput autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('citizen.submitRegister')}
          </Button>
        </Form>
        <Typography.Paragraph className="login-hint">
          <Link to="/login">{t('citizen.haveAccount')}</Link>
        </Typography.Paragraph>
      </Card>
    </CitizenShell>
  );
}
